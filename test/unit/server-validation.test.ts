import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/server/config';
import { bearerToken } from '../../src/server/routes/merchantAuth';
import { createSecret, encodeCheckoutToken, hashSecret, hostedCheckoutUrl } from '../../src/server/secrets';
import { TillApiError } from '../../src/server/TillApiError';
import { parseInput } from '../../src/server/validation';
import { countryCode, currencyCode, httpOrigin, localeTag, MAX_URL_LENGTH, redirectUrl } from '../../src/protocol/api/fields';

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TillApiError);
    const { code, param, message } = error as TillApiError;
    return { code, param, message };
  }
  throw new Error('expected a TillApiError');
}

describe('httpOrigin', () => {
  it.each([
    'https://x.com/',
    'https://x.com',
    'http://localhost:4000/',
    'http://127.0.0.1:8080',
    'https://sub.shop.example.com/',
    'https://my-shop.example.com:8443/',
    'https://xn--bcher-kva.example/',
    'http://[::1]:3000/',
    'https://[2001:db8::1]/',
  ])(
    'accepts %s',
    (value) => {
      expect(httpOrigin.safeParse(value).success).toBe(true);
    },
  );

  it.each([
    'ftp://x',
    'https://x.com/path',
    'https://x.com/?q=1',
    'https://x.com/#top',
    'not a url',
    'https://user:pw@x.com/',
    'https://user@x.com/',
    'javascript:alert(1)',
    'data:text/html,hi',
    'https://x.com//',
    '',
    // Hosts the URL parser lets through but a CSP source cannot hold: a wildcard, the end of a directive, a replacement
    // pattern, an underscore, the root's trailing dot.
    'https://*/',
    'https://*.example.com/',
    'https://a;b.example/',
    "https://a$'b.example/",
    'https://a$&b.example/',
    'https://a`b.example/',
    'https://a!b.example/',
    'https://a_b.example/',
    'https://shop.example.com./',
  ])('rejects %s', (value) => {
    expect(httpOrigin.safeParse(value).success).toBe(false);
  });
});

describe('redirectUrl', () => {
  it.each([
    'https://x.com',
    'https://x.com/',
    'http://localhost:4000/done',
    'https://shop.example.com/thanks?plan=pro&a=%20#top',
    'https://xn--bcher-kva.example/',
    'https://bücher.example/danke',
    'HTTPS://X.COM/',
    'https://[::1]:8443/done',
  ])('accepts %s', (value) => {
    expect(redirectUrl.safeParse(value).success).toBe(true);
  });

  it.each([
    '',
    'x.com/done',
    '//x.com/done',
    '/done',
    'https:x.com',
    'https:/x.com',
    'https:///x.com',
    'https:\\\\x.com',
    'ftp://x.com/',
    'javascript:alert(1)',
    'javascript://x.com/%0aalert(1)',
    'data:text/html,hi',
    'https://user:pw@x.com/',
    'https://user@x.com/',
    ' https://x.com/',
    'https://x.com/ ',
    'https://x.com/a b',
    'https://x.com/\tdone',
    'https://x.com/\u0000',
    'https://exa mple.com/',
  ])('rejects %j', (value) => {
    expect(redirectUrl.safeParse(value).success).toBe(false);
  });

  it('allows exactly MAX_URL_LENGTH characters', () => {
    const start = 'https://x.com/';
    expect(MAX_URL_LENGTH).toBe(2083);
    expect(redirectUrl.safeParse(start + 'a'.repeat(MAX_URL_LENGTH - start.length)).success).toBe(true);
    expect(redirectUrl.safeParse(start + 'a'.repeat(MAX_URL_LENGTH - start.length + 1)).success).toBe(false);
  });
});

describe('parseInput', () => {
  const schema = z.strictObject({ mode: z.enum(['a', 'b']), nested: z.strictObject({ count: z.number() }).optional() });

  it('returns the parsed input', () => {
    expect(parseInput(schema, { mode: 'a' })).toStrictEqual({ mode: 'a' });
  });

  it.each([
    ['a missing field', {}, 'mode', "Missing required parameter 'mode'."],
    ['a missing nested field', { mode: 'a', nested: {} }, 'nested.count', "Missing required parameter 'nested.count'."],
    ['an unknown field', { mode: 'a', extra: 1 }, 'extra', "Unknown parameter 'extra'."],
    ['an unknown nested field', { mode: 'a', nested: { count: 1, extra: 1 } }, 'nested.extra', "Unknown parameter 'nested.extra'."],
  ])('names %s in param and message', (_, input, param, message) => {
    expect(errorOf(() => parseInput(schema, input))).toStrictEqual({ code: 'validation_error', param, message });
  });

  it('calls a field of the wrong type invalid, not missing', () => {
    const { param, message } = errorOf(() => parseInput(schema, { mode: 'a', nested: { count: 'one' } }));
    expect(param).toBe('nested.count');
    expect(message).toMatch(/^Invalid 'nested.count': /);
  });

  it('speaks of the request body when the body itself is wrong', () => {
    const { param, message } = errorOf(() => parseInput(schema, null));
    expect(param).toBeNull();
    expect(message).toMatch(/^Invalid request body: /);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer sk_test_abc', 'sk_test_abc'],
    ['bearer sk_test_abc', 'sk_test_abc'],
    ['BEARER   sk_test_abc  ', 'sk_test_abc'],
  ])('reads %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'sk_test_abc', 'Bearer a b', 'Bearersk_test_abc'])('finds no token in %j', (header) => {
    expect(bearerToken(header)).toBeNull();
  });
});

describe('secrets', () => {
  it('hashes with base64url SHA-256', () => {
    // echo -n abc | sha256sum, in base64url.
    expect(hashSecret('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });

  it('makes long random secrets behind their prefix', () => {
    const [a, b] = [createSecret('css', 'test'), createSecret('css', 'test')];
    expect(a).toMatch(/^css_test_[A-Za-z0-9_-]{48}$/);
    expect(a).not.toBe(b);
  });

  it('encodes the token as standard base64 of {secret, base, handle}, the handle being the secret’s hash', () => {
    const secret = 'css_test_nd1VOo82FbHq4SriRIlauH-oufWGmSuyZzHxfUW31wiwmn3iBJRbdmc';
    const token = encodeCheckoutToken(secret, 'http://localhost:3000/');
    expect(token).toBe(
      'eyJzZWNyZXQiOiJjc3NfdGVzdF9uZDFWT284MkZiSHE0U3JpUklsYXVILW91ZldHbVN1eVp6SHhmVVczMXdpd21uM2lCSlJiZG1jIiwiYmFzZSI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzAwMC8iLCJoYW5kbGUiOiJuVmpTem5HVTFqT3owZkJTMGRCbGlpUWZVX2FHNVNrVXE1bFNyNmRNR1lRIn0=',
    );
    expect(JSON.parse(Buffer.from(token, 'base64').toString()).handle).toBe(hashSecret(secret));
  });
});

describe('hostedCheckoutUrl', () => {
  it('addresses the page by the secret’s hash and puts the secret in the fragment', () => {
    expect(hostedCheckoutUrl('abc', 'https://pay.example.com/till/')).toBe(
      'https://pay.example.com/till/checkout/ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0#abc',
    );
  });
});

describe('loadConfig', () => {
  it('defaults to port 3000 and a public URL on it', () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000/', shopPort: 4000 });
  });

  it('ends PUBLIC_URL with a slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://pay.example.com/till' }).publicUrl).toBe('https://pay.example.com/till/');
  });

  it('treats empty DATABASE_URL and TILL_API_KEY as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', TILL_API_KEY: '' })).toMatchObject({ databaseUrl: undefined, apiKey: undefined });
  });

  it('treats empty PORT, PUBLIC_URL and DATA_DIR as unset, rather than port 0 or a store in memory that keeps nothing', () => {
    expect(loadConfig({ PORT: '', PUBLIC_URL: '', DATA_DIR: '', SHOP_PORT: '' })).toMatchObject({
      port: 3000, publicUrl: 'http://localhost:3000/', dataDir: '.till-data', shopPort: 4000,
    });
  });

  it.each(['abc', '70000', '3001.5', '-1', ' 80'])('refuses the port %j with a sentence naming PORT', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/^PORT must be a port from 0 to 65535/);
  });

  it.each([
    ['no scheme', 'till.example.com'],
    ['another scheme', 'ftp://till.example.com/'],
    ['a query', 'https://till.example.com/?a=1'],
    ['a fragment', 'https://till.example.com/#f'],
    ['credentials', 'https://user:hunter2@till.example.com/'],
  ])('refuses a PUBLIC_URL with %s, naming the variable and not repeating the value', (_, url) => {
    let message = '';
    try {
      loadConfig({ PUBLIC_URL: url });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^PUBLIC_URL must be/);
    expect(message).not.toContain('hunter2');
  });
});

describe('countryCode, currencyCode and localeTag', () => {
  it.each([
    ['DE', 'DE'],
    ['de', 'DE'],
    ['jp', 'JP'],
    ['XK', 'XK'],
  ])('takes the country %s as %s', (input, output) => {
    expect(countryCode.parse(input)).toBe(output);
  });

  it.each(['DEU', 'D', 'XX', 'ZZ', 'EU', 'UN', '12', ''])('refuses the country %j', (input) => {
    expect(countryCode.safeParse(input).success).toBe(false);
  });

  it.each([
    ['USD', 'USD'],
    ['eur', 'EUR'],
    ['JPY', 'JPY'],
  ])('takes the currency %s as %s', (input, output) => {
    expect(currencyCode.parse(input)).toBe(output);
  });

  it.each(['US', 'DOLLAR', 'XYZ', '123'])('refuses the currency %j', (input) => {
    expect(currencyCode.safeParse(input).success).toBe(false);
  });

  it.each([
    ['en', 'en'],
    ['de-de', 'de-DE'],
    ['sr-latn-rs', 'sr-Latn-RS'],
    ['ar-EG-u-nu-latn', 'ar-EG-u-nu-latn'],
  ])('takes the locale %s as %s', (input, output) => {
    expect(localeTag.parse(input)).toBe(output);
  });

  it.each(['en_US', 'english please', '', '-', 'a'.repeat(36)])('refuses the locale %j', (input) => {
    expect(localeTag.safeParse(input).success).toBe(false);
  });
});
