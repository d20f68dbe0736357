import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { fillFields, fillValidForm, payButton, renderCheckout } from './renderCheckout';

/** The error element an input points to with aria-describedby. */
function describedError(label: string) {
  const input = screen.getByLabelText(label);
  const id = input.getAttribute('aria-describedby');
  return id ? document.getElementById(id)?.textContent : undefined;
}

async function renderNewCustomerForm() {
  const rendered = renderCheckout();
  await screen.findByRole('heading', { name: 'Acme AI' });
  return rendered;
}

describe('new customer form', () => {
  it('shows what is bought and the amount on the Pay button', async () => {
    await renderNewCustomerForm();
    expect(screen.getByText('Pro')).toBeTruthy();
    expect(screen.getByText('$19.00 / month')).toBeTruthy();
    expect(screen.getByText('Includes 100 credits')).toBeTruthy();
    expect(payButton().textContent).toBe('Pay $19.00');
  });

  it('labels every field and sets the autocomplete hints', async () => {
    await renderNewCustomerForm();
    const attributes = (label: string) => {
      const input = screen.getByLabelText(label);
      return [input.getAttribute('type'), input.getAttribute('autocomplete'), input.getAttribute('inputmode')];
    };
    expect(attributes('Email')).toEqual(['email', 'email', 'email']);
    expect(attributes('Full name')).toEqual(['text', 'name', null]);
    expect(attributes('Card number')).toEqual(['text', 'cc-number', 'numeric']);
    expect(attributes('Expiry (MM/YY)')).toEqual(['text', 'cc-exp', 'numeric']);
    expect(attributes('Security code')).toEqual(['text', 'cc-csc', 'numeric']);
  });

  it('ties an error to each invalid field and focuses the first one', async () => {
    const { api } = await renderNewCustomerForm();
    fillFields({ Email: 'jane@', 'Card number': '4242', 'Expiry (MM/YY)': '13/40', 'Security code': '12' });
    fireEvent.click(payButton());

    for (const label of ['Email', 'Full name', 'Card number', 'Expiry (MM/YY)', 'Security code']) {
      expect(screen.getByLabelText(label).getAttribute('aria-invalid'), label).toBe('true');
    }
    expect(describedError('Email')).toBe('Enter an email address like name@example.com.');
    expect(describedError('Full name')).toBe('Enter your full name.');
    expect(describedError('Card number')).toBe('Enter a card number of 12 to 19 digits.');
    expect(describedError('Expiry (MM/YY)')).toBe('Enter the expiry date as MM/YY.');
    expect(describedError('Security code')).toBe('Enter the 3 or 4 digit security code.');
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    expect(api.complete).not.toHaveBeenCalled();
  });

  it('focuses the first invalid field even when earlier fields are fine', async () => {
    await renderNewCustomerForm();
    fillValidForm({ 'Expiry (MM/YY)': '12/29' });
    fireEvent.click(payButton());
    expect(describedError('Expiry (MM/YY)')).toBe('This card has expired.');
    expect(screen.getByLabelText('Card number').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Expiry (MM/YY)'));
  });

  it('clears a field’s error when the customer edits it', async () => {
    await renderNewCustomerForm();
    fireEvent.click(payButton());
    fillFields({ Email: 'jane@example.com' });
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByLabelText('Email').getAttribute('aria-describedby')).toBeNull();
  });

  it('sends the customer and the card as the server expects them', async () => {
    const { api } = await renderNewCustomerForm();
    fillValidForm({ Email: ' jane@example.com ', 'Expiry (MM/YY)': '01/30' });
    fireEvent.click(payButton());
    expect(api.complete).toHaveBeenCalledWith({
      customer: { email: 'jane@example.com', name: 'Jane Doe' },
      card: { number: '4242424242424242', exp_month: 1, exp_year: 2030, cvc: '123' },
    }, expect.any(String));
  });
});
