import { Worker } from 'node:worker_threads';
import type { PgliteExchange } from './startPglite';

/** To PGlite's thread: an exchange, or the end. */
export type PgliteThreadRequest = { id: number; message: Uint8Array } | { id: number; close: true };

/** From PGlite's thread: it is open (or could not open), or the answer to request `id`. */
export type PgliteThreadReply = { opened: true } | { id: number; answer: Uint8Array } | { id?: number; error: { message: string } };

/**
 * PGlite on a thread of its own (`pgliteWorker.ts`). Postgres's work (parse, plan, execute, write) then runs beside
 * the server's own (HTTP, JSON, logs, and the protocol's bytes, made and read by `PgliteConnection` on this thread)
 * on the machine's other core, as it does with a real Postgres server, instead of taking turns with it on one.
 * Bytes cross between the threads without a copy (transferred).
 *
 * The thread keeps the process alive only while an exchange is out, as PGlite on this thread would.
 */
export async function startPgliteThread(dataDir?: string): Promise<PgliteExchange> {
  const worker = startWorker({ dataDir });
  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`PGlite's thread ended while opening (exit code ${code})`));
    worker.once('error', reject).once('exit', onExit);
    worker.once('message', (reply: PgliteThreadReply) => {
      worker.off('error', reject).off('exit', onExit);
      if ('opened' in reply) resolve();
      else reject(new Error('error' in reply ? reply.error.message : 'PGlite did not open'));
    });
  });
  worker.unref();

  const pending = new Map<number, { resolve(answer: Uint8Array): void; reject(error: Error): void }>();
  let nextId = 0;
  /** Set once the thread is gone: every later exchange fails with it. */
  let ended: Error | undefined;
  const settled = (id: number) => {
    pending.delete(id);
    if (pending.size === 0) worker.unref();
  };
  const end = (error: Error) => {
    ended ??= error;
    for (const [id, call] of pending) {
      settled(id);
      call.reject(new Error(error.message));
    }
  };
  worker.on('message', (reply: PgliteThreadReply) => {
    if (!('id' in reply) || reply.id === undefined) return;
    const call = pending.get(reply.id)!;
    settled(reply.id);
    if ('answer' in reply) call.resolve(reply.answer);
    else call.reject(new Error(reply.error.message));
  });
  worker.once('exit', (code) => end(new Error(`PGlite's thread ended (exit code ${code})`)));
  worker.once('error', end);

  const send = (request: { message: Uint8Array } | { close: true }) => {
    if (ended) return Promise.reject(new Error(ended.message));
    const id = nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      const transfer = 'message' in request ? [request.message.buffer as ArrayBuffer] : [];
      worker.postMessage({ id, ...request } satisfies PgliteThreadRequest, transfer);
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
    });
  };
  return {
    exchange: (message) => send({ message }),
    async close() {
      await send({ close: true });
      ended ??= new Error('The store is closed');
    },
  };
}

/**
 * The thread's module sits beside this one: `pgliteWorker.js` in the build (dist/server/, see scripts/buildServer.ts)
 * or `pgliteWorker.ts` in the source, which a thread can only import through tsx, as the source's tests run it.
 */
function startWorker(workerData: { dataDir?: string }): Worker {
  // The thread's JavaScript makes little garbage (the bytes it passes on are transferred), so its young generation
  // is held to 2 MB, against V8's 16 (issue 13: server RSS at peak under load 193–202 → 189–196 MB, at the same rate).
  const options = { workerData, resourceLimits: { maxYoungGenerationSizeMb: 2 } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./pgliteWorker.js', import.meta.url), options);
  const entry = new URL('./pgliteWorker.ts', import.meta.url).href;
  const load = `const { tsImport } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); await tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)});`;
  return new Worker(load, { ...options, eval: true });
}
