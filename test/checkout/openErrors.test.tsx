import { describe, expect, it } from 'vitest';
import { open, TillError } from '../../src/sdk';

const token = (base: string) => btoa(JSON.stringify({ secret: 'css_test_x', base, handle: 'eLmry2vJjLNgqP2HmUExXhlfhesvJDkEukRp5lJz3R4' }));

describe('open reports what is wrong before it opens anything', () => {
  it.each([
    ['a malformed token', 'not a token', {}, 'invalid_token'],
    ['a base that is not https', token('http://pay.example.com/'), {}, 'insecure_base'],
    ['an inline container that is not in the page', token('https://pay.example.com/'), { display: 'inline', container: '#nowhere' }, 'unsupported_environment'],
    ['an inline container selector the browser cannot parse', token('https://pay.example.com/'), { display: 'inline', container: '##bad' }, 'unsupported_environment'],
  ] as const)('settles %s as an error with its code', async (_, value, options, code) => {
    const errors: unknown[] = [];
    const handle = open(value, { ...options, onError: ({ error }) => errors.push(error) });
    const result = await handle.result;
    expect(result).toMatchObject({ type: 'error', checkoutSessionId: null });
    expect(result.type === 'error' && result.error).toBeInstanceOf(TillError);
    expect(result.type === 'error' && result.error.code).toBe(code);
    expect(errors).toHaveLength(1);
    expect(document.querySelector('iframe, dialog')).toBeNull();
  });
});

describe('a modal opened before the page has a <body>', () => {
  it('is reported as unsupported_environment, and a later open, once the body is there, opens', async () => {
    const body = document.body;
    body.remove();
    const errors: unknown[] = [];
    const early = open(token('https://pay.example.com/'), { onError: ({ error }) => errors.push(error) });
    document.documentElement.append(body);

    const result = await early.result;
    expect(result.type === 'error' && result.error).toBeInstanceOf(TillError);
    expect(result.type === 'error' && result.error.code).toBe('unsupported_environment');
    expect(errors).toHaveLength(1);

    const later = open(token('https://pay.example.com/'));
    expect(later).not.toBe(early);
    expect(document.querySelector('dialog iframe')).not.toBeNull();
    later.close();
    expect(await later.result).toMatchObject({ type: 'cancel' });
  });
});
