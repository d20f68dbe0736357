import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { apiError, aPromotion, aSession, breakdownAmount, estimateWith, fillFields, payButton, renderOpenCheckout } from './renderCheckout';

const allowsCodes = aSession({ allows_promotion_codes: true });
const describedText = (field: HTMLElement) => document.getElementById(field.getAttribute('aria-describedby')!)?.textContent;
const withCode = aSession({
  allows_promotion_codes: true,
  amount_due: '15.20',
  promotion: aPromotion({ code: 'LAUNCH20', percent_off: 20 }),
  estimate: estimateWith({
    tax_behavior: 'exclusive',
    tax_rate: null,
    due_today: { subtotal: '19.00', discount: '3.80', tax: '0.00', total: '15.20' },
    next_invoice: null,
  }),
});

describe('promotion codes', () => {
  it('has no promotion code field unless the merchant allows codes', async () => {
    await renderOpenCheckout(aSession());
    expect(screen.queryByLabelText('Promotion code')).toBeNull();
  });

  it('applies a good code and shows the discount line and the new total', async () => {
    const { api } = await renderOpenCheckout(allowsCodes);
    api.update.mockResolvedValueOnce(withCode);

    fillFields({ 'Promotion code': ' launch20 ' });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

    expect(await screen.findByText('Code LAUNCH20 applied')).toBeTruthy();
    expect(api.update).toHaveBeenCalledWith({ promotion_code: 'launch20' });
    expect(breakdownAmount('Discount (20% off the first payment)')).toBe('-$3.80');
    expect(payButton().textContent).toBe('Pay $15.20');
  });

  it('says why a code was refused, tied to the field, and keeps the checkout open', async () => {
    const { api, sentOfType } = await renderOpenCheckout(allowsCodes);
    api.update.mockRejectedValueOnce(apiError(404, 'promotion_code_not_found', 'The server’s own sentence.', 'promotion_code'));

    fillFields({ 'Promotion code': 'NOPE' });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

    const field = screen.getByLabelText('Promotion code');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(field)).toBe('This promotion code doesn’t exist. Check it for a typo.');
    expect(sentOfType('failure')).toEqual([]);
    expect(payButton().textContent).toBe('Pay $19.00');
  });

  it('says why a code was refused in the checkout’s language, not the server’s English', async () => {
    const { api } = await renderOpenCheckout(allowsCodes, { appearance: { locale: 'de' } });
    api.update.mockRejectedValueOnce(apiError(400, 'promotion_code_expired', "The promotion code 'OLD' has expired.", 'promotion_code'));

    fillFields({ Gutscheincode: 'OLD' });
    fireEvent.click(screen.getByRole('button', { name: 'Einlösen' }));

    const field = screen.getByLabelText('Gutscheincode');
    await waitFor(() => expect(describedText(field)).toBe('Dieser Gutscheincode ist abgelaufen.'));
  });

  it('keeps the server’s sentence for a refusal it has no words of its own for', async () => {
    const { api } = await renderOpenCheckout(allowsCodes);
    api.update.mockRejectedValueOnce(apiError(400, 'validation_error', "'promotion_code' must be at most 64 characters.", 'promotion_code'));

    fillFields({ 'Promotion code': 'X'.repeat(65) });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

    const field = screen.getByLabelText('Promotion code');
    await waitFor(() => expect(describedText(field)).toBe("'promotion_code' must be at most 64 characters."));
  });

  it('words the discount in the checkout’s language', async () => {
    await renderOpenCheckout(withCode, { appearance: { locale: 'de' } });
    expect(screen.getByText('Rabatt (20 % auf die erste Zahlung)')).toBeTruthy();
  });

  it('asks for a code instead of sending an empty one', async () => {
    const { api } = await renderOpenCheckout(allowsCodes);
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter a promotion code.');
    expect(api.update).not.toHaveBeenCalled();
  });

  it('removes an applied code', async () => {
    const { api } = await renderOpenCheckout(withCode);
    api.update.mockResolvedValueOnce(allowsCodes);

    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));

    expect(await screen.findByLabelText('Promotion code')).toBeTruthy();
    expect(api.update).toHaveBeenCalledWith({ promotion_code: null });
    expect(screen.queryByText(/^Discount/)).toBeNull();
    expect(payButton().textContent).toBe('Pay $19.00');
  });

  it('keeps Pay disabled while a change is on its way', async () => {
    const { api } = await renderOpenCheckout(allowsCodes);
    let answer!: (session: typeof withCode) => void;
    api.update.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    fillFields({ 'Promotion code': 'LAUNCH20' });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(payButton().hasAttribute('disabled')).toBe(true));
    answer(withCode);
    await waitFor(() => expect(payButton().hasAttribute('disabled')).toBe(false));
    expect(payButton().textContent).toBe('Pay $15.20');
  });
});

describe('promotion codes from the keyboard', () => {
  it('moves focus to Remove once a code applies, and back to the field once it is removed', async () => {
    const { api } = await renderOpenCheckout(allowsCodes);
    api.update.mockResolvedValueOnce(withCode).mockResolvedValueOnce(allowsCodes);
    fillFields({ 'Promotion code': 'LAUNCH20' });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

    const remove = await screen.findByRole('button', { name: 'Remove' });
    await waitFor(() => expect(document.activeElement).toBe(remove));
    fireEvent.click(remove);
    const field = await screen.findByLabelText('Promotion code');
    await waitFor(() => expect(document.activeElement).toBe(field));
  });
});
