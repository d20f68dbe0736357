import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { apiError, aSession, countrySelect, fieldDescription, fillFields, fillValidForm, payButton, renderOpenCheckout } from './renderCheckout';

// The chunk of what the open form needs later fails to load, as offline or after a deploy that replaced it.
vi.mock('../../src/checkout/laterPartsChunk', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

describe('the later parts’ chunk that does not arrive', () => {
  it('refuses to pay, as a request without an answer the customer may retry, and sends nothing', async () => {
    const { api, steps } = await renderOpenCheckout(aSession());
    fillValidForm();
    fireEvent.click(payButton());
    expect((await screen.findByRole('alert')).textContent).toBe('We couldn’t reach the payment service. Check your connection and try again.');
    expect(api.createPaymentMethod).not.toHaveBeenCalled();
    expect(api.complete).not.toHaveBeenCalled();
    expect(payButton().hasAttribute('disabled')).toBe(false);
    expect(steps()).toEqual(['payment']);
  });

  it('leaves a field without judging it, and the form usable', async () => {
    await renderOpenCheckout(aSession());
    fillFields({ Email: 'jane@' });
    fireEvent.blur(screen.getByLabelText('Email'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBeNull();
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('jane@');
  });

  it('opens the price explanation with a word on the connection instead of the sentences it could not load', async () => {
    await renderOpenCheckout(aSession());
    fireEvent.click(screen.getByRole('button', { name: 'How is this calculated?' }));
    const popover = screen.getByRole('dialog', { name: 'How your total is calculated' });
    await waitFor(() => expect([...popover.querySelectorAll('li')].map((line) => line.textContent)).toEqual(['Check your connection and try again.']));
  });

  it('words a refused change as one that could not be made', async () => {
    const { api } = await renderOpenCheckout(aSession());
    api.update.mockRejectedValueOnce(apiError(400, 'validation_error', 'The server’s own sentence.', 'country'));
    const select = await countrySelect();
    fireEvent.input(select, { target: { value: 'FR' } });
    await waitFor(() => expect(select.getAttribute('aria-invalid')).toBe('true'));
    expect(fieldDescription('Country')).toBe('We couldn’t update the checkout. Check your connection and try again.');
  });
});
