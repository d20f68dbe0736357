import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('README Deploy section', () => {
  it('lists every environment variable the server reads, and none it does not', () => {
    const config = read('src/server/config.ts');
    const variables = new Set([...config.matchAll(/env\.([A-Z_]+)/g), ...config.matchAll(/'(TILL_[A-Z_]+)'/g)].map((match) => match[1]!));
    const readme = read('README.md');
    const deploy = readme.slice(readme.indexOf('## Deploy'), readme.indexOf('\n## ', readme.indexOf('## Deploy') + 1));
    const listed = new Set([...deploy.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]!));
    expect([...listed].sort()).toStrictEqual([...variables].sort());
  });
});
