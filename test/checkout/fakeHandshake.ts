import { vi } from 'vitest';

type Listener = (event: MessageEvent) => void;

/** An event target that records its message listeners and lets the test deliver plain event objects to them. */
function createFakeTarget() {
  const listeners = new Set<Listener>();
  return {
    listeners,
    addEventListener: (_type: 'message', listener: Listener) => void listeners.add(listener),
    removeEventListener: (_type: 'message', listener: Listener) => void listeners.delete(listener),
    deliver(event: Partial<MessageEvent>) {
      for (const listener of [...listeners]) listener({ ports: [], ...event } as MessageEvent);
    },
  };
}

/** The window the checkout runs in, with a parent whose postMessage calls are recorded. */
export function createFakeWindow() {
  return { ...createFakeTarget(), parent: { postMessage: vi.fn() } };
}

/** One end of the loader's MessageChannel, which the checkout listens to through `onmessage`. */
export function createFakePort() {
  const port = { onmessage: null as ((event: MessageEvent) => void) | null, postMessage: vi.fn() };
  return {
    ...port,
    asPort: () => port as unknown as MessagePort,
    listening: () => port.onmessage !== null,
    deliver: (event: Partial<MessageEvent>) => port.onmessage?.({ ports: [], ...event } as MessageEvent),
    postMessage: port.postMessage,
  };
}

/** True when the promise has settled after pending tasks ran; lets a test say "it is still waiting". */
export async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return settled;
}
