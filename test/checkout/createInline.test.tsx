import { describe, expect, it } from 'vitest';
import { createInline } from '../../src/sdk/createInline';

describe('inline display', () => {
  it('follows the height the checkout reports', () => {
    const surface = createInline(document.body);
    surface.resize(480.2);
    expect(surface.iframe.style.height).toBe('481px');
    surface.destroy();
  });

  // Non-numbers never get here: the protocol guard rejects a resize whose height is not a number.
  it.each([NaN, -1, 0, 199, 5001, Infinity])('ignores a height of %s', (height) => {
    const surface = createInline(document.body);
    surface.resize(height);
    expect(surface.iframe.style.height).toBe('600px');
    surface.destroy();
  });

  it('leaves nothing behind when destroyed', () => {
    const container = document.createElement('div');
    createInline(container).destroy();
    expect(container.children).toHaveLength(0);
  });
});
