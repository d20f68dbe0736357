import { afterEach, describe, expect, it, vi } from 'vitest';
import { open, type CheckoutHandle, type OpenOptions } from '../../src/sdk';

/** Well-formed, with a loopback base, so `open` builds the frame (which happy-dom never loads). */
const TOKEN = btoa(JSON.stringify({ secret: 'css_test_x', base: 'http://127.0.0.1:9/', handle: 'eLmry2vJjLNgqP2HmUExXhlfhesvJDkEukRp5lJz3R4' }));

const opened: CheckoutHandle[] = [];
/** Opens a checkout the test closes afterwards: the modal and each container hold one checkout, module-wide. */
const track = (token: string, options?: OpenOptions) => {
  const handle = open(token, options);
  opened.push(handle);
  return handle;
};
afterEach(() => {
  vi.useRealTimers();
  opened.splice(0).forEach((handle) => handle.close());
  document.body.replaceChildren();
});

describe('a merchant who opens the checkout again from its outcome', () => {
  it('gets a new modal from onCancel, with the page behind still locked until it closes', async () => {
    let reopened: CheckoutHandle | undefined;
    const first = track(TOKEN, { onCancel: () => (reopened = track(TOKEN)) });
    first.close();

    expect(reopened).toBeDefined();
    expect(reopened).not.toBe(first);
    expect(document.querySelectorAll('dialog')).toHaveLength(1);
    expect(document.querySelector('dialog iframe')).not.toBeNull();
    expect(document.documentElement.style.overflow).toBe('hidden');
    expect(await first.result).toMatchObject({ type: 'cancel' });

    reopened!.close();
    expect(document.querySelector('dialog')).toBeNull();
    expect(document.documentElement.style.overflow).toBe('');
  });

  it('gets a new checkout in the same container from onCancel', () => {
    const container = document.body.appendChild(document.createElement('div'));
    let reopened: CheckoutHandle | undefined;
    const first = track(TOKEN, { display: 'inline', container, onCancel: () => (reopened = track(TOKEN, { display: 'inline', container })) });
    first.close();

    expect(reopened).toBeDefined();
    expect(reopened).not.toBe(first);
    expect(container.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('gets a new modal from onError after handshake_timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let reopened: CheckoutHandle | undefined;
    const first = track(TOKEN, { redirectOnFailure: false, onError: () => (reopened = track(TOKEN, { redirectOnFailure: false })) });
    vi.advanceTimersByTime(8000);

    const result = await first.result;
    expect(result.type === 'error' && result.error.code).toBe('handshake_timeout');
    expect(reopened).toBeDefined();
    expect(reopened).not.toBe(first);
    expect(document.querySelectorAll('dialog')).toHaveLength(1);
    expect(document.querySelector('dialog iframe')).not.toBeNull();
  });
});
