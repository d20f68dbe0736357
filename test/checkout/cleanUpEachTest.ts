import { cleanup } from '@testing-library/preact';
import { afterAll, afterEach, vi } from 'vitest';

// Vitest runs without globals here, so Testing Library can't register its own cleanup. A setup file, run before each
// test file, rather than a module the tests import: a worker that goes from file to file imports a module only once.
// It imports nothing of src/: what it imported would load before a test file's `vi.mock` could replace it.
afterEach(cleanup);
// What a file left switched on would otherwise reach every later file in the worker; Vitest itself restores only spies.
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});
