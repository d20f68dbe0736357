/**
 * What `npm test` and `npm run build` run their steps with: commands one after another (`inOrder`) or side by side
 * (`together`), each in a process group of its own so that stopping it stops what it started. The first failure
 * fails the whole and stops whatever else is running: a red step is not worth waiting minutes for the rest.
 */
import { spawn } from 'node:child_process';

const running = new Set();
let failed = 0;

/** Runs one command; resolves with its exit code, or 1 if a signal ended it. */
function run([command, ...args]) {
  if (failed) return Promise.resolve(failed);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', detached: true });
    running.add(child);
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
    // Not started at all: a command not on the PATH (these run from npm scripts, which put node_modules/.bin there).
    child.on('error', (error) => {
      running.delete(child);
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
  });
}

function stopAll() {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

/** Records the first failure and stops every other command; passes the code on. */
function settle(code) {
  if (code !== 0 && failed === 0) {
    failed = code;
    stopAll();
  }
  return code;
}

/** Each step is a command (an array) or a function returning a step's promise; resolves with the first failing code, or 0. */
export async function inOrder(...steps) {
  for (const step of steps) {
    const code = settle(await (typeof step === 'function' ? step() : run(step)));
    if (code !== 0) return code;
  }
  return 0;
}

/** The steps side by side; resolves once all have ended, with the first failure's code, or 0. */
export async function together(...steps) {
  await Promise.all(steps.map((step) => inOrder(step)));
  return failed;
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (stopAll(), process.exit(130)));
