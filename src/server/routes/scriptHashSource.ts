import { createHash } from 'node:crypto';

/** The `script-src` source that allows one inline script by the SHA-256 of its text: `'sha256-…'`. */
export const scriptHashSource = (source: string) => `'sha256-${createHash('sha256').update(source).digest('base64')}'`;
