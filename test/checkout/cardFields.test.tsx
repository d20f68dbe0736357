import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { aSession, fieldDescription, fillFields, renderOpenCheckout } from './renderCheckout';

const cardNumber = () => screen.getByLabelText('Card number') as HTMLInputElement;

describe('card number', () => {
  it.each([
    ['4242424242424242', 'Visa', '4242 4242 4242 4242'],
    ['5555555555554444', 'Mastercard', '5555 5555 5555 4444'],
    ['378282246310005', 'American Express', '3782 822463 10005'],
    ['6011111111111117', 'Discover', '6011 1111 1111 1117'],
    ['36227206271667', 'Diners Club', '3622 7206 2716 67'],
    ['3566002020360505', 'JCB', '3566 0020 2036 0505'],
    ['6200000000000005', 'UnionPay', '6200 0000 0000 0005'],
  ])('shows %s as %s, in its printed groups', async (typed, brand, printed) => {
    await renderOpenCheckout(aSession());
    fillFields({ 'Card number': typed });
    expect(cardNumber().value).toBe(printed);
    expect(fieldDescription('Card number')).toBe(brand);
  });

  it('shows no brand until the first digits match one', async () => {
    await renderOpenCheckout(aSession());
    fillFields({ 'Card number': '9' });
    expect(cardNumber().getAttribute('aria-describedby')).toBeNull();
  });

  it('stops at the brand’s length and lets the security code follow it', async () => {
    await renderOpenCheckout(aSession());
    const cvc = screen.getByLabelText('Security code') as HTMLInputElement;
    fillFields({ 'Card number': '3782 8224 6310 0059 99' });
    expect(cardNumber().value).toBe('3782 822463 10005');
    expect(cvc.maxLength).toBe(4);
    fillFields({ 'Card number': '5555 5555 5555 4444 42' });
    expect(cardNumber().value).toBe('5555 5555 5555 4444');
    expect(cvc.maxLength).toBe(3);
    // Visa issues 19-digit numbers too.
    fillFields({ 'Card number': '4242 4242 4242 4242 4242' });
    expect(cardNumber().value).toBe('4242 4242 4242 4242 424');
  });

  it('keeps the caret after the digit it followed when spaces are added', async () => {
    await renderOpenCheckout(aSession());
    const input = cardNumber();
    input.value = '42424';
    input.setSelectionRange(5, 5);
    fireEvent.input(input);
    expect(input.value).toBe('4242 4');
    expect(input.selectionStart).toBe(6);
  });

  it('writes the expiry as MM/YY while it is typed', async () => {
    await renderOpenCheckout(aSession());
    fillFields({ 'Expiry (MM/YY)': '1234' });
    expect((screen.getByLabelText('Expiry (MM/YY)') as HTMLInputElement).value).toBe('12/34');
  });
});

describe('merchant header', () => {
  it('shows the merchant’s logo beside its name, which screen readers hear once, from the heading', async () => {
    await renderOpenCheckout(aSession({ merchant_logo_url: 'https://cdn.acme.example/logo.svg' }));
    const logo = document.querySelector('header img')!;
    expect(logo.getAttribute('src')).toBe('https://cdn.acme.example/logo.svg');
    expect(logo.getAttribute('alt')).toBe('');
    expect(screen.getByRole('heading', { level: 1, name: 'Acme AI' })).toBeTruthy();
  });

  it('shows the name alone when the merchant has no logo', async () => {
    await renderOpenCheckout(aSession());
    expect(document.querySelector('header img')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Acme AI' })).toBeTruthy();
  });
});
