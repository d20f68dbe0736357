import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { A_PAYMENT_METHOD, apiError, aSession, countrySelect, fieldDescription, fillFields, fillValidForm, payButton, renderCheckout } from './renderCheckout';

async function renderNewCustomerForm(session = aSession()) {
  const rendered = renderCheckout(session);
  await screen.findByRole('heading', { name: 'Acme AI' });
  return rendered;
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

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
      const field = screen.getByLabelText(label);
      return [field.getAttribute('type'), field.getAttribute('autocomplete'), field.getAttribute('inputmode')];
    };
    expect(attributes('Email')).toEqual(['email', 'email', 'email']);
    expect(attributes('Full name')).toEqual(['text', 'name', null]);
    expect(attributes('Country')).toEqual([null, 'country', null]);
    expect(attributes('Card number')).toEqual(['text', 'cc-number', 'numeric']);
    expect(attributes('Expiry (MM/YY)')).toEqual(['text', 'cc-exp', 'numeric']);
    expect(attributes('Security code')).toEqual(['text', 'cc-csc', 'numeric']);
  });

  it('ties an error to each invalid field and focuses the first one', async () => {
    const { api } = await renderNewCustomerForm(aSession({ country: null }));
    fillFields({ Email: 'jane@', 'Card number': '5555', 'Expiry (MM/YY)': '13/40', 'Security code': '12' });
    fireEvent.click(payButton());

    for (const label of ['Email', 'Full name', 'Country', 'Card number', 'Expiry (MM/YY)', 'Security code']) {
      expect(screen.getByLabelText(label).getAttribute('aria-invalid'), label).toBe('true');
    }
    expect(fieldDescription('Email')).toBe('Enter an email address like name@example.com.');
    expect(fieldDescription('Full name')).toBe('Enter your full name.');
    expect(fieldDescription('Country')).toBe('Choose your country.');
    expect(fieldDescription('Card number')).toBe('Mastercard card numbers have 16 digits.');
    expect(fieldDescription('Expiry (MM/YY)')).toBe('Enter the expiry date as MM/YY.');
    expect(fieldDescription('Security code')).toBe('Enter the 3 digit security code.');
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    expect(api.complete).not.toHaveBeenCalled();
  });

  it('focuses the first invalid field even when earlier fields are fine', async () => {
    await renderNewCustomerForm();
    fillValidForm({ 'Expiry (MM/YY)': '12/29' });
    fireEvent.click(payButton());
    expect(fieldDescription('Expiry (MM/YY)')).toBe('This card has expired.');
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

  it('sends the customer, with the country, and the card as the server expects them', async () => {
    const session = aSession();
    const { api } = await renderNewCustomerForm(session);
    fillValidForm({ Email: ' jane@example.com ', 'Expiry (MM/YY)': '01/30' });
    fireEvent.click(payButton());
    expect(api.createPaymentMethod).toHaveBeenCalledWith({ number: '4242424242424242', exp_month: 1, exp_year: 2030, cvc: '123' });
    await waitFor(() =>
      expect(api.complete).toHaveBeenCalledWith(
        { customer: { email: 'jane@example.com', name: 'Jane Doe', country: 'US' }, payment_method: A_PAYMENT_METHOD, expected_total: session.amount_due },
        expect.any(String),
      ),
    );
  });
});

describe('validation on blur', () => {
  it('says nothing while the customer types, and shows the error once they leave the field', async () => {
    await renderNewCustomerForm();
    fillFields({ Email: 'jane@' });
    expect(input('Email').getAttribute('aria-invalid')).toBeNull();

    fireEvent.blur(input('Email'));
    expect(input('Email').getAttribute('aria-invalid')).toBe('true');
    expect(fieldDescription('Email')).toBe('Enter an email address like name@example.com.');
  });

  it('announces an error found on blur in a live region, as focus has moved on', async () => {
    const { container } = await renderNewCustomerForm();
    fillFields({ 'Card number': '4242 4242 4242 4241' });
    fireEvent.blur(input('Card number'));
    const live = container.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('This card number isn’t valid. Check it for a typo.');
  });

  it.each([
    ['Full name', '  ', 'Enter your full name.'],
    ['Card number', '4242 4242 4242 4241', 'This card number isn’t valid. Check it for a typo.'],
    ['Expiry (MM/YY)', '12/29', 'This card has expired.'],
    ['Expiry (MM/YY)', '01/55', 'Check the expiry year: it is too far in the future.'],
    ['Security code', '12', 'Enter the 3 digit security code.'],
  ])('judges %s "%s" when the customer leaves it', async (label, value, error) => {
    await renderNewCustomerForm();
    fillFields({ 'Card number': '4242 4242 4242 4242', [label]: value });
    fireEvent.blur(input(label));
    expect(fieldDescription(label)).toContain(error);
  });

  it('leaves a field the customer never typed in alone', async () => {
    await renderNewCustomerForm();
    fireEvent.blur(input('Email'));
    fireEvent.blur(input('Card number'));
    expect(input('Email').getAttribute('aria-invalid')).toBeNull();
    expect(input('Card number').getAttribute('aria-invalid')).toBeNull();
  });

  it('clears the error on blur once the value is fixed', async () => {
    await renderNewCustomerForm();
    fillFields({ Email: 'jane@' });
    fireEvent.blur(input('Email'));
    fillFields({ Email: 'jane@example.com' });
    fireEvent.blur(input('Email'));
    expect(input('Email').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('prefill and locked email', () => {
  it('prefills a new customer’s email, name and country from the session', async () => {
    await renderNewCustomerForm(aSession({ prefill: { email: 'sam@example.com', name: 'Sam Lee' }, country: 'DE' }));
    expect(input('Email').value).toBe('sam@example.com');
    expect(input('Email').readOnly).toBe(false);
    expect(input('Full name').value).toBe('Sam Lee');
    expect((await countrySelect()).value).toBe('DE');
  });

  it('shows a locked email read-only, says why, and sends it with the payment', async () => {
    const { api } = await renderNewCustomerForm(aSession({ prefill: { email: 'sam@example.com', name: null }, lock_email: true }));
    expect(input('Email').readOnly).toBe(true);
    expect(fieldDescription('Email')).toBe('Acme AI set this email address for you.');
    fillValidForm({ Email: 'sam@example.com' });
    fireEvent.click(payButton());
    await waitFor(() => expect(api.complete).toHaveBeenCalledWith(expect.objectContaining({ customer: { email: 'sam@example.com', name: 'Jane Doe', country: 'US' } }), expect.any(String)));
  });

  it('shows the server’s refusal of another email under the email field', async () => {
    const { api } = await renderNewCustomerForm(aSession({ prefill: { email: 'sam@example.com', name: 'Sam Lee' }, lock_email: true }));
    api.complete.mockRejectedValueOnce(apiError(400, 'email_locked', 'The server’s own sentence.', 'customer.email'));
    fillValidForm({ Email: 'sam@example.com' });
    fireEvent.click(payButton());
    await waitFor(() => expect(fieldDescription('Email')).toContain('This email address was set by the merchant and can’t be changed.'));
  });
});
