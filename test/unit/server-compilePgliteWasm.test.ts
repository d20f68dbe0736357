import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePgliteWasm, PGLITE_WASM, readPgliteWasm } from '../../src/server/store/compilePgliteWasm';

describe('PGlite’s WebAssembly, compiled by the server', () => {
  it('is read whole into a WebAssembly memory, not a Buffer, so that glibc never frees a block its size', () => {
    const bytes = readPgliteWasm();
    expect(Buffer.isBuffer(bytes)).toBe(false);
    // A memory's buffer comes in whole 64 KiB pages; a Buffer's is the file's size or Node's 8 KiB pool.
    expect(bytes.buffer.byteLength % 65_536).toBe(0);
    expect(Buffer.from(bytes).equals(readFileSync(PGLITE_WASM))).toBe(true);
  });

  // Every store test opens PGlite with it (openPglite).
  it('is the program PGlite would compile itself', async () => {
    const module = await compilePgliteWasm();
    const names = (m: WebAssembly.Module) => WebAssembly.Module.exports(m).map((e) => e.name);
    expect(names(module)).toEqual(names(await WebAssembly.compile(readFileSync(PGLITE_WASM))));
  });

  it('is compiled once per process, however many stores it opens', async () => {
    expect(await compilePgliteWasm()).toBe(await compilePgliteWasm());
  });
});
