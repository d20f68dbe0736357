import { describe, expect, it } from 'vitest';
import { createInline } from '../../src/sdk/createInline';

describe('inline display', () => {
  it('follows the height the checkout reports', () => {
    const surface = createInline(document.body, 'about:blank');
    surface.resize(480.2);
    expect(surface.iframe.style.height).toBe('481px');
    surface.destroy();
  });

  // The loader checks only a port message's type, so a height may be anything; it is compared as a number.
  it.each<unknown>([NaN, -1, 0, 199, 5001, Infinity, '9999', 'tall', null, undefined, {}])('ignores a height of %s', (height) => {
    const surface = createInline(document.body, 'about:blank');
    surface.resize(height as number);
    expect(surface.iframe.style.height).toBe('600px');
    surface.destroy();
  });

  it('leaves nothing behind when destroyed', () => {
    const container = document.createElement('div');
    createInline(container, 'about:blank').destroy();
    expect(container.children).toHaveLength(0);
  });
});
