import { describe, expect, it } from 'vitest';
import { findCardNumberProblem, passesLuhn } from '../../src/protocol/cardNumberProblems';
import { detectCardBrand } from '../../src/protocol/cardNumbers';

/**
 * A number of `length` digits that starts with `prefix` and carries a correct Luhn check digit, computed here
 * rather than by the module under test.
 */
function cardNumber(prefix: string, length: number): string {
  const body = prefix.padEnd(length - 1, '0');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Counting from the right of the finished number, the check digit is first, so the body's last digit doubles.
    const digit = Number(body[body.length - 1 - i]);
    sum += i % 2 === 0 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}

describe('detectCardBrand at the edges of each IIN range', () => {
  it.each([
    ['4', 'visa'],
    ['31', null],
    ['50', null],
    ['51', 'mastercard'],
    ['55', 'mastercard'],
    ['56', null],
    ['2220', null],
    ['2221', 'mastercard'],
    ['2720', 'mastercard'],
    ['2721', null],
    ['2200', null],
    ['33', null],
    ['34', 'amex'],
    ['37', 'amex'],
    ['6010', null],
    ['6011', 'discover'],
    ['6012', null],
    ['643', null],
    ['644', 'discover'],
    ['649', 'discover'],
    ['65', 'discover'],
    ['66', null],
    ['622125', 'unionpay'],
    ['622126', 'discover'],
    ['622925', 'discover'],
    ['622926', 'unionpay'],
    ['62', 'unionpay'],
    ['8099', null],
    ['8100', 'unionpay'],
    ['8171', 'unionpay'],
    ['8172', null],
    ['299', null],
    ['300', 'diners'],
    ['305', 'diners'],
    ['306', null],
    ['3094', null],
    ['3095', 'diners'],
    ['3096', null],
    ['36', 'diners'],
    ['38', 'diners'],
    ['39', 'diners'],
    ['3527', null],
    ['3528', 'jcb'],
    ['3589', 'jcb'],
    ['3590', null],
    ['9', null],
  ] as const)('takes a number starting %s for %s', (prefix, brand) => {
    expect(detectCardBrand(cardNumber(prefix, 16))).toBe(brand);
  });

  it.each([
    ['', null],
    ['4', 'visa'],
    ['37', 'amex'],
    ['622', 'unionpay'],
    ['62212', 'unionpay'],
    ['622126', 'discover'],
    ['222', null],
  ] as const)('names the brand of a number still being typed: "%s" is %s', (digits, brand) => {
    expect(detectCardBrand(digits)).toBe(brand);
  });
});

describe('findCardNumberProblem by length', () => {
  const LENGTHS_TRIED = [12, 13, 14, 15, 16, 17, 18, 19, 20];
  it.each([
    ['visa', '4', [13, 16, 19]],
    ['mastercard', '51', [16]],
    ['mastercard', '2221', [16]],
    ['amex', '34', [15]],
    ['discover', '6011', [16, 17, 18, 19]],
    ['discover', '622126', [16, 17, 18, 19]],
    ['diners', '36', [14, 15, 16, 17, 18, 19]],
    ['jcb', '3528', [16, 17, 18, 19]],
    ['unionpay', '62', [16, 17, 18, 19]],
    ['no brand', '9', [13, 14, 15, 16, 17, 18, 19]],
  ] as const)('accepts %s numbers (starting %s) of %j digits and no other length', (_, prefix, lengths) => {
    for (const length of LENGTHS_TRIED) {
      const expected = (lengths as readonly number[]).includes(length) ? null : 'length';
      expect(findCardNumberProblem(cardNumber(prefix, length)), `${length} digits`).toBe(expected);
    }
  });

  it('accepts the brands’ documented test numbers, Stripe’s 19-digit UnionPay and 14-digit Diners Club included', () => {
    const numbers = {
      visa: ['4242424242424242', '4000056655665556', '4222222222222'],
      mastercard: ['5555555555554444', '2223003122003222', '5200828282828210', '5105105105105100'],
      amex: ['378282246310005', '371449635398431'],
      discover: ['6011111111111117', '6011000990139424', '6011981111111113'],
      diners: ['3056930009020004', '36227206271667'],
      jcb: ['3566002020360505'],
      unionpay: ['6200000000000005', '6200000000000047', '6205500000000000004'],
    };
    for (const [brand, list] of Object.entries(numbers)) {
      for (const number of list) {
        expect(detectCardBrand(number), number).toBe(brand);
        expect(findCardNumberProblem(number), number).toBeNull();
      }
    }
  });
});

describe('findCardNumberProblem names the first problem to fix', () => {
  it.each([
    ['spaces', '4242 4242 4242 4242', 'not_digits'],
    ['letters', '4242abcd42424242', 'not_digits'],
    ['nothing', '', 'not_digits'],
    ['a wrong length, whatever its checksum', '424242424242424', 'length'],
    ['a changed last digit', '4242424242424241', 'checksum'],
    ['two swapped neighbouring digits', '4242424242424224', 'checksum'],
    ['a valid number', '4242424242424242', null],
  ] as const)('finds %s: %s', (_, digits, problem) => {
    expect(findCardNumberProblem(digits)).toBe(problem);
  });
});

describe('passesLuhn', () => {
  it.each(['4242424242424242', '4000000000000002', '378282246310005', '6011111111111117', '79927398713'])('accepts %s', (digits) => {
    expect(passesLuhn(digits)).toBe(true);
  });

  it.each(['4242424242424241', '4242424242424224', '79927398710', '', '4242 4242 4242 4242'])('rejects "%s"', (digits) => {
    expect(passesLuhn(digits)).toBe(false);
  });
});
