// The thread `startPgliteThread` starts: PGlite, answering one exchange at a time, in the order sent.
import { parentPort, workerData } from 'node:worker_threads';
import { keepHeapSmall } from '../keepHeapSmall';
import { keepWebAssemblyOnBaselineCompiler } from './keepWebAssemblyOnBaselineCompiler';
import { startPglite } from './startPglite';
import type { PgliteThreadReply, PgliteThreadRequest } from './startPgliteThread';

// Starting this thread set V8's flags back to those the process started with; only a server process on the embedded
// store starts it (`startTill`), which had set these. They are the process's, for every thread's heap.
keepHeapSmall();
keepWebAssemblyOnBaselineCompiler();

const port = parentPort!;
const reply = (message: PgliteThreadReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

try {
  const pglite = await startPglite((workerData as { dataDir?: string }).dataDir);
  port.on('message', async (request: PgliteThreadRequest) => {
    try {
      if ('close' in request) {
        await pglite.close();
        reply({ id: request.id, answer: new Uint8Array() });
        port.close();
      } else {
        const answer = await pglite.exchange(request.message);
        reply({ id: request.id, answer }, [answer.buffer as ArrayBuffer]);
      }
    } catch (error) {
      reply({ id: request.id, error: { message: error instanceof Error ? error.message : String(error) } });
    }
  });
  reply({ opened: true });
} catch (error) {
  reply({ error: { message: error instanceof Error ? error.message : String(error) } });
}
