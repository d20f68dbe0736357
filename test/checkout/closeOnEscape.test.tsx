import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { createMessage } from '../../src/protocol';
import { renderCheckout } from './renderCheckout';

describe('Escape', () => {
  it('asks the loader to close from anywhere in the document', async () => {
    const { sentOfType } = renderCheckout();
    await screen.findByRole('heading', { name: 'Acme AI' });

    fireEvent.keyDown(screen.getByLabelText('Card number'), { key: 'Escape' });
    fireEvent.keyDown(document, { key: 'Escape' });

    expect(sentOfType('close')).toEqual([createMessage('close', {}), createMessage('close', {})]);
  });

  it('ignores other keys', async () => {
    const { sentOfType } = renderCheckout();
    await screen.findByRole('heading', { name: 'Acme AI' });
    fireEvent.keyDown(document, { key: 'Enter' });
    expect(sentOfType('close')).toEqual([]);
  });

  it('stops listening once the app is gone', async () => {
    const { sentOfType, unmount } = renderCheckout();
    await screen.findByRole('heading', { name: 'Acme AI' });
    unmount();
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(sentOfType('close')).toEqual([]);
  });
});
