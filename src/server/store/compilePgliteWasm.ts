import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** PGlite's WebAssembly program, beside its JavaScript in the package. */
export const PGLITE_WASM = fileURLToPath(new URL('pglite.wasm', import.meta.resolve('@electric-sql/pglite')));

/**
 * pglite.wasm's bytes in memory that V8 maps for itself (a WebAssembly.Memory's), where PGlite reads them into a
 * Buffer. Node allocates a Buffer with malloc, and when glibc frees a block it had mapped for one, it raises its
 * thresholds to that block's size: from then on it serves blocks up to that size from its heaps, and keeps up to
 * twice that free in each heap instead of returning it to the system. PGlite's 9 MB Buffer is garbage once compiled,
 * and the collection that freed it, in the server's first seconds under load, set them to 9 and 18 MB: the main heap
 * grew from 11 to 29 MB and kept it (glibc's `malloc_trim` gave 22 MB back at that point, against 5 MB with this).
 * Read here, nothing that size passes through malloc, and the thresholds stay where Node's start left them (1.8 and
 * 3.5 MB). The memory is unmapped when collected.
 */
export function readPgliteWasm(): Uint8Array<ArrayBuffer> {
  const fd = openSync(PGLITE_WASM, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new WebAssembly.Memory({ initial: Math.ceil(size / 65_536) }).buffer, 0, size);
    for (let offset = 0; offset < size; ) {
      const read = readSync(fd, bytes, offset, size - offset, offset);
      if (read === 0) throw new Error(`${PGLITE_WASM} ended after ${offset} of its ${size} bytes`);
      offset += read;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * PGlite's program compiled for `PGlite.create`'s `pgliteWasmModule`, from `readPgliteWasm`'s bytes, once per process:
 * a server opens one store, but a test worker opens a hundred, and each compile cost 40 ms of CPU (the unit tests'
 * CPU 134 → 130 s). Every instance shares the compiled code, which the first keeps alive anyway.
 */
export function compilePgliteWasm(): Promise<WebAssembly.Module> {
  return (compiled ??= WebAssembly.compile(readPgliteWasm()));
}
