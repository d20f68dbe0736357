import { setFlagsFromString } from 'node:v8';

/** The V8 flag itself, for a process started with it (`initPgliteDirectory`) rather than setting it at run time. */
export const BASELINE_COMPILER_ONLY = '--liftoff-only';

/**
 * PGlite's WebAssembly runs on V8's baseline compiler (Liftoff) alone in a server process, the CLI, the process that
 * creates a store's files (`initPgliteDirectory`) and the one that makes the tests' templates, not in every process
 * that opens a store. By default V8 recompiles each function that grows hot with its optimizing
 * compiler (TurboFan), on background threads whose compile memory glibc keeps in per-thread arenas: Postgres's start
 * and first queries make that about 70 MB that stays resident (server RSS after start 235 → 165 MB, median of 5; at
 * peak under load 252 → 214 MB), while creates per second did not drop beyond the noise (issue 13). A CLI command
 * ends before optimizing would pay: 0.35 CPU-s a command with Liftoff alone, 0.7 with TurboFan. A long run of heavy
 * SQL does gain from it (the test suite's 100 k-row fill: 15.7 → 11.4 s), so the test workers and the bench keep it.
 * `--no-wasm-tier-up` does not stop the dynamic tier-up of Node 20's V8; this does. The flag is read when a module
 * is compiled, so it must be set before PGlite compiles its own; it touches nothing but WebAssembly.
 */
export function keepWebAssemblyOnBaselineCompiler() {
  setFlagsFromString(BASELINE_COMPILER_ONLY);
}
