import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';

// Vitest runs without globals here, so Testing Library can't register its own cleanup. A setup file, run before each
// test file, rather than a module the tests import: a worker that goes from file to file imports a module only once.
afterEach(cleanup);
