import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { createMessage } from '../../src/protocol';
import { aSession, renderCheckout, type RenderOptions } from './renderCheckout';

/** Renders the open checkout and returns its close button, if any. */
async function openCheckout(options: RenderOptions) {
  const rendered = renderCheckout(aSession(), options);
  await screen.findByRole('heading', { name: 'Acme AI' });
  return { ...rendered, closeButton: screen.queryByRole('button', { name: 'Close checkout' }) };
}

const tabbable = () => [...document.querySelectorAll<HTMLElement>('a[href],button,input,select,textarea')];

/** Presses Tab (or Shift+Tab) on the focused element; true when the browser's own move was prevented. */
const pressTab = (shiftKey = false) => !fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey });

describe('in the loader’s modal dialog', () => {
  it('shows a close button that asks the loader to close', async () => {
    const { closeButton, sentOfType } = await openCheckout({ modal: true });
    fireEvent.click(closeButton!);
    expect(sentOfType('close')).toEqual([createMessage('close', {})]);
  });

  it.each<[string, RenderOptions]>([
    ['inline', { modal: false }],
    ['in redirect display', { mode: 'redirect' }],
  ])('shows no close button %s', async (_, options) => {
    expect((await openCheckout(options)).closeButton).toBeNull();
  });

  it('wraps Tab from the last control to the first, and Shift+Tab from the first to the last', async () => {
    await openCheckout({ modal: true });
    const controls = tabbable();
    const [first, last] = [controls[0]!, controls.at(-1)!];

    last.focus();
    expect(pressTab()).toBe(true);
    expect(document.activeElement).toBe(first);
    expect(pressTab(true)).toBe(true);
    expect(document.activeElement).toBe(last);
  });

  it('leaves Tab alone between the first and the last control', async () => {
    await openCheckout({ modal: true });
    tabbable()[1]!.focus();
    expect(pressTab()).toBe(false);
    expect(pressTab(true)).toBe(false);
  });

  it('sends Shift+Tab from the document itself to the last control rather than out of the frame', async () => {
    await openCheckout({ modal: true });
    (document.activeElement as HTMLElement | null)?.blur();
    expect(fireEvent.keyDown(document, { key: 'Tab', shiftKey: true })).toBe(false);
    expect(document.activeElement).toBe(tabbable().at(-1));
  });

  it('leaves Shift+Tab alone from something focused by script in the middle, such as a heading', async () => {
    await openCheckout({ modal: true });
    const heading = screen.getByRole('heading', { name: 'Acme AI' });
    heading.tabIndex = -1;
    heading.focus();
    expect(pressTab(true)).toBe(false);
    expect(pressTab()).toBe(false);
  });

  it('lets Tab leave the frame inline, where the merchant’s page goes on', async () => {
    await openCheckout({ modal: false });
    tabbable().at(-1)!.focus();
    expect(pressTab()).toBe(false);
  });
});
