/**
 * `npm test`: build → size, then the type check beside vitest (issue 13). tsc is one process on one core for ten
 * seconds or more; vitest's first files wait on spawned servers and on timeouts, leaving a third of two cores idle
 * for half a minute, where the type check costs the run almost nothing. Beside the build instead, it slowed the build
 * from 9 to 13 s. Either failing fails the run and stops the other. Arguments go to vitest, as they did to `vitest run`.
 */
import { inOrder, together } from './runSteps.mjs';

const npm = (script, args = []) => ['npm', 'run', script, ...(args.length ? ['--', ...args] : [])];

process.exit(await inOrder(npm('build'), npm('size'), () => together(npm('typecheck'), npm('test:vitest', process.argv.slice(2)))));
