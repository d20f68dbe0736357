import { describe, expect, it } from 'vitest';
import { decodeToken } from '../../src/sdk/decodeToken';
import { TillError } from '../../src/sdk/TillError';

const encode = (value: unknown) => btoa(JSON.stringify(value));

/** The token the server encodes in test/unit/server-validation.test.ts, byte for byte. */
const SERVER_TOKEN =
  'eyJzZWNyZXQiOiJjc3NfdGVzdF9uZDFWT284MkZiSHE0U3JpUklsYXVILW91ZldHbVN1eVp6SHhmVVczMXdpd21uM2lCSlJiZG1jIiwiYmFzZSI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzAwMC8iLCJoYW5kbGUiOiJuVmpTem5HVTFqT3owZkJTMGRCbGlpUWZVX2FHNVNrVXE1bFNyNmRNR1lRIn0=';
/** A well-formed handle: base64url SHA-256 of `css_test_x`. */
const HANDLE = 'eLmry2vJjLNgqP2HmUExXhlfhesvJDkEukRp5lJz3R4';

function codeOf(token: unknown) {
  try {
    decodeToken(token);
  } catch (error) {
    expect(error).toBeInstanceOf(TillError);
    return (error as TillError).code;
  }
  return 'decoded';
}

describe('decodeToken', () => {
  it("decodes the server's token, naming the frame by the handle in it", () => {
    const { secret, frameUrl } = decodeToken(SERVER_TOKEN);
    expect(secret).toBe('css_test_nd1VOo82FbHq4SriRIlauH-oufWGmSuyZzHxfUW31wiwmn3iBJRbdmc');
    expect(frameUrl.href).toBe('http://localhost:3000/checkout/nVjSznGU1jOz0fBS0dBliiQfU_aG5SkUq5lSr6dMGYQ');
  });

  it('decodes an https token with a path base, and its base64url spelling', () => {
    const token = encode({ secret: 'css_test_x', base: 'https://pay.example.com/till/', handle: HANDLE });
    expect(decodeToken(token).frameUrl.origin).toBe('https://pay.example.com');
    expect(decodeToken(token).frameUrl.href).toBe(`https://pay.example.com/till/checkout/${HANDLE}`);
    expect(decodeToken(token.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')).secret).toBe('css_test_x');
  });

  it.each([
    ['an empty string', ''],
    ['not base64', '%%%not-base64%%%'],
    ['base64 of plain text', btoa('hello')],
    ['JSON that is not an object', encode(42)],
    ['a missing secret', encode({ base: 'https://pay.example.com/', handle: HANDLE })],
    ['an empty secret', encode({ secret: '', base: 'https://pay.example.com/', handle: HANDLE })],
    ['a secret that is not a string', encode({ secret: 7, base: 'https://pay.example.com/', handle: HANDLE })],
    ['a missing base', encode({ secret: 'css_test_x', handle: HANDLE })],
    ['a base that is not a URL', encode({ secret: 'css_test_x', base: 'pay.example.com', handle: HANDLE })],
    ['a base without a trailing slash', encode({ secret: 'css_test_x', base: 'https://pay.example.com/till', handle: HANDLE })],
    // Tokens made before the handle: opening one would mean hashing the secret here again.
    ['a missing handle', encode({ secret: 'css_test_x', base: 'https://pay.example.com/' })],
    ['a handle that is not a SHA-256 in base64url', encode({ secret: 'css_test_x', base: 'https://pay.example.com/', handle: 'abc' })],
    ['a handle that would leave checkout/', encode({ secret: 'css_test_x', base: 'https://pay.example.com/', handle: `../${HANDLE.slice(3)}` })],
    ['null', null],
    ['an object', { secret: 'css_test_x' }],
  ])('rejects %s as invalid_token', (_, token) => {
    expect(codeOf(token)).toBe('invalid_token');
  });

  it.each([
    ['plain http on a public host', 'http://pay.example.com/'],
    ['http on a look-alike of localhost', 'http://localhost.evil.com/'],
    ['http on a host that starts like a loopback address', 'http://127.0.0.1.evil.com/'],
    ['a javascript: URL', 'javascript:alert(1)//'],
    ['a data: URL', 'data:text/html,hi/'],
    ['credentials in the URL', 'https://user:pass@pay.example.com/'],
  ])('rejects %s as insecure_base', (_, base) => {
    expect(codeOf(encode({ secret: 'css_test_x', base, handle: HANDLE }))).toBe('insecure_base');
  });

  it.each(['http://localhost:3000/', 'http://127.0.0.1:3000/', 'http://[::1]:3000/', 'https://pay.example.com/'])(
    'accepts %s',
    (base) => {
      expect(codeOf(encode({ secret: 'css_test_x', base, handle: HANDLE }))).toBe('decoded');
    },
  );
});
