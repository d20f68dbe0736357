import { open } from './open';
import { TillError } from './TillError';

// The script-tag build: adds to an existing `window.Till` rather than replacing it.
const w = window as unknown as { Till?: object };
w.Till = Object.assign(w.Till ?? {}, { open, TillError });
