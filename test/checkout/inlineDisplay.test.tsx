import { describe, expect, it } from 'vitest';
import { open } from '../../src/sdk';
import { resizeInline } from '../../src/sdk/resizeInline';

const frame = () => Object.assign(document.createElement('iframe'), { style: 'height:600px' });

describe('inline display', () => {
  it('follows the height the checkout reports', () => {
    const iframe = frame();
    resizeInline(iframe, 480.2);
    expect(iframe.style.height).toBe('481px');
  });

  // The loader checks only a port message's type, so a height may be anything; it is compared as a number.
  it.each<unknown>([NaN, -1, 0, 199, 5001, Infinity, '9999', 'tall', null, undefined, {}])('ignores a height of %s', (height) => {
    const iframe = frame();
    resizeInline(iframe, height as number);
    expect(iframe.style.height).toBe('600px');
  });

  it('puts the frame in its container, 600 px high, and leaves nothing behind when closed', async () => {
    // Out of the page, where happy-dom does not try to load the frame.
    const container = document.createElement('div');
    const token = btoa(JSON.stringify({ secret: 'css_test_x', base: 'http://127.0.0.1:9/', handle: 'eLmry2vJjLNgqP2HmUExXhlfhesvJDkEukRp5lJz3R4' }));
    const handle = open(token, { display: 'inline', container });
    expect(container.querySelector('iframe')?.style.height).toBe('600px');
    expect(document.querySelector('dialog')).toBeNull();
    handle.close();
    expect(await handle.result).toMatchObject({ type: 'cancel' });
    expect(container.children).toHaveLength(0);
  });
});
