import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { anchorPopover } from '../../src/checkout/anchorPopover';
import { aSession, renderOpenCheckout } from './renderCheckout';

// Only the positioning is replaced, to see that what autoUpdate starts is stopped; the popover itself is real.
const stopPlacing = vi.hoisted(() => vi.fn());
vi.mock('../../src/checkout/anchorPopover', () => ({ anchorPopover: vi.fn(() => stopPlacing) }));

const explainButton = () => screen.getByRole('button', { name: 'How is this calculated?' });

describe('price explanation positioning', () => {
  it('anchors the popover to its button only while open, and stops on close', async () => {
    await renderOpenCheckout(aSession());
    expect(anchorPopover).not.toHaveBeenCalled();
    fireEvent.click(explainButton());
    expect(anchorPopover).toHaveBeenCalledWith(explainButton(), screen.getByRole('dialog'));
    expect(stopPlacing).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(stopPlacing).toHaveBeenCalledTimes(1);
  });

  it('stops when the checkout goes away while it is open', async () => {
    stopPlacing.mockClear();
    const { unmount } = await renderOpenCheckout(aSession());
    fireEvent.click(explainButton());
    unmount();
    expect(stopPlacing).toHaveBeenCalledTimes(1);
  });
});
