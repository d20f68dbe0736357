/**
 * `npm test`: the type check beside build → size → vitest, rather than before them (issue 13). tsc is one process on
 * one core for half a minute, while the suite leaves a third of two cores idle waiting on its servers and Chromium;
 * side by side, the type check costs the run almost no time. Either failing fails the run, and stops the other: a
 * red type check is not worth waiting minutes of tests for. Arguments go to vitest, as they did to `vitest run`.
 */
import { spawn } from 'node:child_process';

const running = new Set();

/** Runs one npm script, in a process group of its own so that stopping it stops what it started. */
function run(script, args = []) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script, ...(args.length ? ['--', ...args] : [])], { stdio: 'inherit', detached: true });
    running.add(child);
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function stopOthers() {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

/** Resolves with the first failing exit code, or 0; on a failure, stops whatever else is running. */
async function inOrder(...scripts) {
  for (const [script, args] of scripts) {
    const code = await run(script, args);
    if (code !== 0) return code;
  }
  return 0;
}

let failed = 0;
const fail = (code) => {
  if (code !== 0 && failed === 0) {
    failed = code;
    stopOthers();
  }
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (stopOthers(), process.exit(130)));
await Promise.all([run('typecheck').then(fail), inOrder(['build'], ['size'], ['test:vitest', process.argv.slice(2)]).then(fail)]);
process.exit(failed);
