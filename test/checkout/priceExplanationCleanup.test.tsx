import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { anchorPopover } from '../../src/checkout/order/anchorPopover';
import { aSession, renderOpenCheckout } from './renderCheckout';

// Only the positioning is replaced, to see that what autoUpdate starts is stopped; the popover itself is real.
const stopPlacing = vi.hoisted(() => vi.fn());
vi.mock('../../src/checkout/order/anchorPopover', () => ({ anchorPopover: vi.fn(() => stopPlacing) }));

const explainButton = () => screen.getByRole('button', { name: 'How is this calculated?' });

describe('price explanation positioning', () => {
  beforeEach(() => vi.clearAllMocks());

  it('anchors the popover to its button once opened, and stops on close', async () => {
    await renderOpenCheckout(aSession());
    expect(anchorPopover).not.toHaveBeenCalled();
    fireEvent.click(explainButton());
    await waitFor(() => expect(anchorPopover).toHaveBeenCalledWith(explainButton(), screen.getByRole('dialog')));
    expect(stopPlacing).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(stopPlacing).toHaveBeenCalledTimes(1);
  });

  it('never starts when closed before the positioning has loaded', async () => {
    await renderOpenCheckout(aSession());
    fireEvent.click(explainButton());
    fireEvent.click(explainButton());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(anchorPopover).not.toHaveBeenCalled();
  });

  it('stops when the checkout goes away while it is open', async () => {
    const { unmount } = await renderOpenCheckout(aSession());
    fireEvent.click(explainButton());
    await waitFor(() => expect(anchorPopover).toHaveBeenCalled());
    unmount();
    expect(stopPlacing).toHaveBeenCalledTimes(1);
  });
});
