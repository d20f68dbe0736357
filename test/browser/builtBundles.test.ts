import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** What ships: the script-tag loader, the npm package's entries, and the checkout app. `npm test` builds them first. */
const BUNDLES = ['dist/loader', 'packages/js/dist', 'dist/checkout/assets'];

/** The scripts in `dir`; for the checkout app's, also the boot script inlined in its index.html (vite.config.ts). */
const scripts = (dir: string) => [
  ...readdirSync(dir)
    .filter((name) => /\.c?js$/.test(name))
    .map((name) => ({ name: join(dir, name), code: readFileSync(join(dir, name), 'utf8') })),
  ...(dir === 'dist/checkout/assets'
    ? [...readFileSync('dist/checkout/index.html', 'utf8').matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, code]) => ({ name: 'dist/checkout/index.html', code: code! }))
    : []),
];

/** The top-level arguments of each `postMessage(…)` call in minified code, found by matching brackets. */
function postMessageArguments(code: string): string[][] {
  const calls: string[][] = [];
  for (let start = code.indexOf('postMessage('); start !== -1; start = code.indexOf('postMessage(', start + 1)) {
    const args: string[] = [];
    let depth = 0;
    let quote: string | null = null;
    let current = '';
    for (const char of code.slice(start + 'postMessage('.length)) {
      if (quote) {
        if (char === quote) quote = null;
      } else if (char === '"' || char === "'" || char === '`') quote = char;
      else if ('([{'.includes(char)) depth++;
      else if (')]}'.includes(char) && depth-- === 0) break;
      else if (char === ',' && depth === 0) {
        args.push(current.trim());
        current = '';
        continue;
      }
      current += char;
    }
    calls.push([...args, current.trim()]);
  }
  return calls;
}

describe('the built bundles', () => {
  // A smoke check of the shipped code: in Chromium a page cannot spy on postMessage called on a cross-origin
  // window. It sees only literal "*" arguments; the spies in connectToCheckout and connectToLoader's tests
  // check the origins actually passed.
  it.each(BUNDLES)('never call postMessage with the target origin "*" (%s)', (dir) => {
    const calls = scripts(dir).flatMap(({ code }) => postMessageArguments(code));
    expect(calls.length).toBeGreaterThan(0);
    for (const args of calls) expect(args.slice(1)).not.toContainEqual(expect.stringMatching(/^(["'`])\*\1$/));
  });

  // The top-level public/ is the demo shop's, not the app's: Vite would copy it into every build unless told not to.
  it.each(['dist/loader', 'packages/js/dist', 'dist/checkout'])('ship none of the demo shop’s files (%s)', (dir) => {
    const shipped = readdirSync(dir, { recursive: true }).map(String);
    for (const name of readdirSync('public')) expect(shipped).not.toContain(name);
  });

  it('keeps Stripe.js’s loader out of the checkout’s first load, in a chunk of its own', () => {
    const html = readFileSync('dist/checkout/index.html', 'utf8');
    const firstLoad = [...html.matchAll(/src="\/(assets\/[^"]+\.js)"/g)].map((match) => join('dist/checkout', match[1]!));
    expect(firstLoad).toHaveLength(1);
    const withStripe = scripts('dist/checkout/assets').filter(({ code }) => code.includes('https://js.stripe.com'));
    expect(withStripe.map(({ name }) => name)).toEqual([expect.stringMatching(/mountPaymentElement-[\w-]+\.js$/)]);
    expect(firstLoad).not.toContain(withStripe[0]!.name);
  });

  it('finds a "*" target origin when there is one', () => {
    expect(postMessageArguments('a.postMessage(l(`x`,{a:(1)}),"*");b.postMessage(c)')).toEqual([['l(`x`,{a:(1)})', '"*"'], ['c']]);
  });
});
