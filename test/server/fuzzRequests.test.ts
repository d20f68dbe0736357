import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ERROR_STATUS, type ApiErrorCode } from '../../src/protocol/api/apiErrors';
import { DEFAULT_RATE_LIMITS } from '../../src/server/rateLimits/rateLimitSettings';
import { checkResponse } from './support/contract';
import { DECLINED_VISA, expectApiError, handleOf, newCustomer, newCustomerPayment, secretOf, useTestServer, validCard } from './support/testServer';

/**
 * Issue 10: no request, however malformed, gets a 5xx. Thousands of generated requests go to the real app (PGlite
 * here, Postgres in CI) on every route it has — read from the app itself, so a route added later is fuzzed too —
 * with the merchant's key or the session's secret where the route wants one, and to paths outside the routes.
 * Each answer must be below 500, carry an `X-Request-Id`, be exactly the envelope when it is an error, and show
 * nothing of our insides (a stack frame, SQL, a Postgres message).
 *
 * A failure prints the counterexample as fast-check shrank it, long strings as `"x".repeat(n)`, and the seed to
 * replay it with (`fc.assert(…, { seed, path })`).
 */

// Hundreds of malformed bodies go to one session's POST /complete: exactly what the payment-attempt limit refuses,
// which is not what these tests are about (test/server/rateLimits.test.ts is).
const till = useTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, paymentAttempts: null, promotionCodeAttempts: null } });

/** Runs per property: about 5,000 requests with the sweeps below, some 20 s on two busy cores. */
const RUNS = { bodies: 2000, routes: 1500, paths: 800, headers: 400 };
const TIMEOUT_MS = 120_000;

// —— Values too large to print: kept as recipes, so a counterexample stays readable. ——

class Repeated {
  constructor(
    readonly unit: string,
    readonly times: number,
  ) {}
  toString() {
    return this.unit.repeat(this.times);
  }
  [fc.toStringMethod]() {
    return `${JSON.stringify(this.unit)}.repeat(${this.times})`;
  }
}

/** JSON text written as it is: nesting too deep for `JSON.stringify`, a list too long to print. */
class RawJson {
  constructor(
    readonly description: string,
    readonly make: () => string,
  ) {}
  toString() {
    return this.make();
  }
  [fc.toStringMethod]() {
    return this.description;
  }
}

const nested = (depth: number, [open, close]: [string, string]) =>
  new RawJson(`${depth} levels of ${open}`, () => `${open.repeat(depth)}"\\u0000"${close.repeat(depth)}`);
const longList = (length: number) => new RawJson(`a list of ${length} ids`, () => `[${Array(length).fill('"sc_test_x"').join(',')}]`);

type Json = null | boolean | number | string | Repeated | RawJson | Json[] | { [key: string]: Json };

/** JSON text of a generated value; a `RawJson` is written as it is, so it can sit inside an otherwise good body. */
function toJsonText(value: Json): string {
  if (value instanceof RawJson) return String(value);
  if (value instanceof Repeated) return JSON.stringify(String(value));
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Percent-encodes as a URL carries text, lone surrogates included (as the bytes WTF-8 gives them). */
function encodeAny(text: string): string {
  let encoded = '';
  for (const char of text) {
    const unit = char.charCodeAt(0);
    encoded +=
      char.length === 1 && unit >= 0xd800 && unit <= 0xdfff
        ? [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('')
        : encodeURIComponent(char);
  }
  return encoded;
}

// —— Generators ——

/** One character: mostly any code point, often one of those that broke servers before. */
const char = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF') },
  { weight: 1, arbitrary: fc.constantFrom('\\', '/', '%', '.', '\n', '\r', '"', "'", '\u202E', '\uFEFF', '😀') },
);

const NASTY_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\uDBFF',
  '%00',
  '..\\..\\',
  "'; DROP TABLE checkout_sessions; --",
  '<script>alert(1)</script>',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  'null',
  '2026-13-45T25:61:61Z',
  'https://x.example/\u0000',
  'http://localhost:9/hook',
  'ftp://x/',
];

function nastyText(ids: string[]): fc.Arbitrary<string | Repeated> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: char, maxLength: 30 }) },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXT) },
    // A real id made bad at its end: the check must refuse it before the query it would otherwise reach.
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...ids), fc.constantFrom('\u0000', '\uD800', '', ' ')).map(([id, end]) => id + end) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom('x', 'é', '😀', '\u0000', '\uD800'), fc.constantFrom(101, 501, 2084, 5001, 100_000)).map(
        ([unit, times]) => new Repeated(unit, times),
      ),
    },
  );
}

function nastyValue(ids: string[]): fc.Arbitrary<Json> {
  const text = nastyText(ids);
  const leaf = fc.oneof(
    { weight: 4, arbitrary: text },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 0.5, -0, 1e308, 2 ** 53 + 1, 10_001, 1_000_000_000, Number.NaN) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
  ) as fc.Arbitrary<Json>;
  const { value } = fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      { weight: 5, arbitrary: leaf },
      { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.dictionary(fc.string({ unit: char, maxLength: 10 }), tie('value'), { maxKeys: 4 }) },
    ),
  }));
  return fc.oneof(
    { weight: 8, arbitrary: value },
    { weight: 1, arbitrary: fc.constantFrom(101, 5_000, 200_000).map(longList) },
    { weight: 1, arbitrary: fc.constantFrom(nested(25, ['[', ']']), nested(100_000, ['{"a":', '}'])) },
  );
}

/** A body: a good one with one field made bad (most often), known fields with bad values, any JSON, or not JSON at all. */
function nastyBody(base: Record<string, Json>, fieldNames: string[], ids: string[]): fc.Arbitrary<string | Repeated | RawJson | undefined> {
  const value = nastyValue(ids);
  const paths = leafPaths(base);
  const change = fc.tuple(fc.constantFrom(...paths, ['extra_field']), value, fc.boolean());
  const mutated = fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => {
    const copy = structuredClone(base) as Record<string, Json>;
    for (const [path, item, remove] of changes) {
      let parent = copy as Record<string, Json>;
      for (const key of path.slice(0, -1)) {
        if (parent[key] === null || typeof parent[key] !== 'object') parent[key] = {};
        parent = parent[key] as Record<string, Json>;
      }
      if (remove) delete parent[path.at(-1)!];
      else parent[path.at(-1)!] = item;
    }
    return toJsonText(copy);
  });
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 2, arbitrary: fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 5 }).map(toJsonText) },
    { weight: 1, arbitrary: value.map(toJsonText) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ unit: char, maxLength: 20 }),
        fc.constantFrom('{', '{"a":', 'nul', '{"a":"\u0000"}', '{"a":1,}', "{'a':1}", '\uFEFF{}', ''),
        fc.constantFrom(nested(1_000_000, ['[', ']']), new Repeated(' ', 2_000_000)),
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

function valueAt(value: Record<string, Json>, path: string[]): Json {
  return path.reduce<Json>((item, key) => (item as Record<string, Json>)[key]!, value);
}

function leafPaths(value: Record<string, Json>, prefix: string[] = []): string[][] {
  return Object.entries(value).flatMap(([key, item]) =>
    item !== null && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Repeated) && !(item instanceof RawJson)
      ? [[...prefix, key], ...leafPaths(item, [...prefix, key])]
      : [[...prefix, key]],
  );
}

/** A path segment: a real id (so the route goes on to the store), bad text percent-encoded, or a raw oddity. */
function nastySegment(ids: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ids) },
    { weight: 3, arbitrary: nastyText(ids).map((text) => encodeAny(String(text))) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('%00', 'x%00', '%2F', '%5C', '..', '%2e%2e', '%', '%zz', '%ED%A0%80', '%C0%80', '%E0%A4%A', '%FF', '+', ';', ''),
    },
  );
}

/** Every query parameter some list route reads. */
const QUERY_NAMES = ['limit', 'cursor', 'type', 'created_gte', 'created_lt', 'event_id', 'email', 'status', 'connection_id', 'checkout_session_id'];

function nastyQuery(ids: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...QUERY_NAMES) },
    { weight: 1, arbitrary: nastySegment(ids) },
  );
  const value = fc.oneof(nastySegment(ids), fc.constantFrom('0', '101', '1e400', '-5', 'Infinity', '10', 'checkout.completed', '2026-01-01T00:00:00Z'));
  return fc
    .array(fc.tuple(key, value, fc.boolean()), { maxLength: 4 })
    .map((pairs) => pairs.map(([name, item, bare]) => (bare && item === '' ? name : `${name}=${item}`)).join('&'));
}

/** A header value a client can send: bytes up to 0xFF, without NUL or line breaks (which Node refuses itself). */
const headerText = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((text) => text.replace(/[\u0000\r\n]/g, '')),
  fc.constantFrom('é', 'x'.repeat(8_000), '\t', 'Bearer', 'Bearer ', 'Bearer  x y', 'Basic dXNlcjpwYXNz'),
);

const ODD_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'PURGE', 'BREW'] as const;

// —— What every answer must be ——

const ENVELOPE_KEYS = ['code', 'message', 'param', 'request_id', 'type'];
/** Our insides: a stack frame, SQL, or what Postgres says when it refuses a statement. */
const INSIDES = [/\bat .*\.[cm]?[jt]s:\d+/, /\n\s+at /, /\bSELECT\b/, /\bINSERT INTO\b/, /\bUPDATE \w+ SET\b/, /violates/, /invalid byte sequence/, /syntax error at/, /\bpg_/];

interface Sent {
  method: string;
  path: string;
}

/**
 * Pages for people, not API answers: the checkout page's own 404 (framable by no one), and the test processor's
 * challenge page for a payment it does not have.
 */
const isMissingPage = (sent: Sent, response: Response, text: string) =>
  (sent.method === 'GET' && sent.path.startsWith('/checkout/') && response.status === 404 && text === 'This checkout does not exist.') ||
  (sent.path.startsWith('/test-processor/authenticate/') && response.status === 404 && text.includes('There is no such payment.'));

async function expectWellBehaved(sent: Sent, response: Response) {
  const context = `${sent.method} ${sent.path.slice(0, 300)} → ${response.status}`;
  expect(response.status, context).toBeLessThan(500);
  expect(response.headers.get('X-Request-Id'), context).toMatch(/^[\w=-]{1,200}$/);
  const text = await response.text();
  if (sent.method === 'HEAD') return;
  // Issue 11: whatever either API answers, success or refusal, is in the shape its route describes.
  if (response.headers.get('Content-Type')?.startsWith('application/json')) {
    checkResponse(sent.method, sent.path, response.status, JSON.parse(text));
  }
  // Assets are our own minified code; everything else is checked for what it must not reveal.
  if (!/^\/(assets\/|checkout-[\w-]+\.js|checkout\.js)/.test(sent.path) || response.status >= 400) {
    for (const pattern of INSIDES) expect(text, `${context}: ${pattern}`).not.toMatch(pattern);
  }
  if (response.status < 400 || isMissingPage(sent, response, text)) return;
  expect(response.headers.get('Content-Type'), context).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error: Record<string, unknown> };
  expect(Object.keys(body), context).toStrictEqual(['error']);
  const { error } = body;
  const keys = Object.keys(error).filter((key) => key !== 'decline_code').sort();
  expect(keys, `${context}: ${text.slice(0, 500)}`).toStrictEqual(ENVELOPE_KEYS);
  expect(API_ERROR_STATUS[error.code as ApiErrorCode], `${context}: ${text.slice(0, 500)}`).toBe(response.status);
  expect(error.request_id, context).toBe(response.headers.get('X-Request-Id'));
  expect(typeof error.message === 'string' && error.message.length > 0, context).toBe(true);
  expect(error.param === null || typeof error.param === 'string', context).toBe(true);
  if ('decline_code' in error) expect(error.code, context).toBe('card_declined');
}

// —— The targets ——

interface Target {
  method: string;
  /** The route's path, `:param` parts to fill. */
  template: string;
  auth: 'merchant' | 'session' | 'none';
  /** A body the route takes, to make one field of bad. */
  base: Record<string, Json>;
}

let ids: string[];
let idsByResource: Record<string, string[]>;
let targets: Target[];
let fieldNames: string[];
let sessionSecret: string;
/** The routes with a body to make bad, as `METHOD /path`. */
let bodyRoutes: string[];

/** Real ids for a route's `:param`, by the resource the path names. */
function idsFor(template: string): string[] {
  const resource = Object.keys(idsByResource).find((name) => template.includes(`/${name}/:`));
  return resource ? idsByResource[resource]! : ids;
}

function fillTemplate(template: string, segment: fc.Arbitrary<string>, real: string[]): fc.Arbitrary<string> {
  const params = template.match(/:\w+(\{[^}]*\})?/g) ?? [];
  return fc.tuple(...params.map(() => fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...real) }, { weight: 3, arbitrary: segment }))).map((values) => {
    let path = template;
    for (const [index, param] of params.entries()) path = path.replace(param, values[index]!);
    return path;
  });
}

function headersFor(auth: Target['auth'], authorization: string | null, extra: Record<string, string>): Record<string, string> {
  const key = auth === 'merchant' ? till.demo.apiKey : auth === 'session' ? sessionSecret : null;
  const headers: Record<string, string> = { ...extra };
  if (authorization !== null) headers.Authorization = authorization;
  else if (key) headers.Authorization = `Bearer ${key}`;
  return headers;
}

async function send(method: string, path: string, headers: Record<string, string>, body: string | Repeated | RawJson | undefined) {
  const init: RequestInit = { method, headers };
  if (body !== undefined && method !== 'GET' && method !== 'HEAD') {
    init.body = String(body);
    headers['Content-Type'] ??= 'application/json';
  }
  return till.app.request(path, init);
}

beforeAll(async () => {
  const { configId, starterBundle } = await till.catalog();
  const subscriber = await till.subscribe();
  const session = await till.createSession({ allow_promotion_codes: true });
  sessionSecret = secretOf(session);
  const endpoint = await till.createEndpoint('http://localhost:9/hooks');
  const [event] = await till.eventsOfType('checkout.completed');
  const [subscription] = await till.db.query<{ subscription_id: string }>('SELECT subscription_id FROM subscriptions LIMIT 1');
  idsByResource = {
    checkout_sessions: [session.checkout_session_id, subscriber.session.checkout_session_id],
    connections: [subscriber.connectionId],
    events: [event!.event_id],
    webhook_endpoints: [endpoint.webhook_endpoint_id],
    subscriptions: [subscription!.subscription_id],
    checkout: [handleOf(sessionSecret)],
  };
  ids = [...Object.values(idsByResource).flat(), configId, starterBundle.id, 'checkout-AAAAAAAAAAAA.js'];

  const bases: Record<string, Record<string, Json>> = {
    'POST /v1/checkout_sessions': {
      ...(await till.sessionBody()),
      customer: { email: 'fuzz@example.com', name: 'Fuzz', country: 'DE', ip_address: '81.2.69.142' },
      metadata: { order: 'A-1' },
      subscription_config_ids: [configId],
      attribution: { utm_source: 'fuzz' },
      start_date: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      end_date: new Date(Date.now() + 400 * 86_400_000).toISOString(),
    },
    'POST /v1/webhook_endpoints': { url: 'http://localhost:9/hooks', enabled_events: ['checkout.completed'], description: 'fuzz' },
    'PATCH /v1/webhook_endpoints/:id': { url: 'http://localhost:9/other', enabled_events: ['*'], description: 'x', disabled: false },
    'POST /v1/events/:id/redeliver': { webhook_endpoint_id: endpoint.webhook_endpoint_id },
    'POST /v1/subscriptions/:id/cancel': { at_period_end: true },
    'PATCH /api/checkout/session': { quantity: 1, country: 'DE', promotion_code: 'NOPE', subscription_config_id: configId },
    // A declined card: the whole charging path runs, and the session stays open for the next run.
    'POST /api/checkout/complete': { customer: newCustomer(), payment_method: (await till.createPaymentMethod(validCard(DECLINED_VISA))).body.id },
    'POST /test-processor/payment_methods': { card: validCard() },
  };
  bodyRoutes = Object.keys(bases);
  // Fields a good base cannot hold beside the others (a custom amount comes without a choice of plans), fuzzed by name.
  const fieldsOutsideBases = ['custom_amount', 'tax_behavior'];
  fieldNames = [...new Set([...Object.values(bases).flatMap((base) => Object.keys(base)), ...fieldsOutsideBases])];
  targets = till.app.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => ({
      method: route.method,
      template: route.path,
      auth: route.path.startsWith('/v1/') ? 'merchant' : route.path.startsWith('/api/checkout/') ? 'session' : 'none',
      base: bases[`${route.method} ${route.path}`] ?? { description: 'x' },
    }));
  // Every route the merchant and the checkout app have, and the pages: the fuzzing must reach them all.
  expect(targets.map((target) => `${target.method} ${target.template}`)).toEqual(
    expect.arrayContaining(['POST /v1/checkout_sessions', 'GET /api/checkout/session', 'POST /api/checkout/complete', 'GET /checkout/:handle']),
  );
});

type GeneratedRequest = {
  method: string;
  path: string;
  query: string;
  body: string | Repeated | RawJson | undefined;
  authorization: string | null;
  idempotencyKey: string | null;
  auth: Target['auth'];
};

/**
 * A generated request to one of `pool`: with `bodies`, a real id in the path and a bad body (most often a good one
 * with one to three fields made bad); without, bad ids, query strings and odd methods.
 */
function requestTo(pool: Target[], { bodies }: { bodies: boolean }) {
  return fc.integer({ min: 0, max: pool.length - 1 }).chain((index) => {
    const target = pool[index]!;
    return fc.record({
      target: fc.constant(`${target.method} ${target.template}`),
      method: fc.oneof({ weight: 8, arbitrary: fc.constant(target.method) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) }),
      path: bodies
        ? fillTemplate(target.template, fc.constantFrom(...idsFor(target.template)), idsFor(target.template))
        : fillTemplate(target.template, nastySegment(ids), idsFor(target.template)),
      query: bodies ? fc.constant('') : fc.oneof(fc.constant(''), nastyQuery(ids)),
      body: bodies ? nastyBody(target.base, fieldNames, ids) : fc.constant(undefined),
      authorization: fc.oneof({ weight: 10, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: headerText }),
      idempotencyKey: fc.option(headerText, { freq: 6 }),
      auth: fc.constant(target.auth),
    });
  });
}

async function sendGenerated({ method, path, query, body, authorization, idempotencyKey, auth }: GeneratedRequest) {
  const url = query ? `${path}?${query}` : path;
  const extra: Record<string, string> = idempotencyKey === null ? {} : { 'Idempotency-Key': idempotencyKey };
  await expectWellBehaved({ method, path: url }, await send(method, url, headersFor(auth, authorization, extra), body));
}

describe('generated bad requests', () => {
  it(
    'answer bad bodies on every route that reads one with a success or a 4xx envelope: never a 5xx, never our insides',
    async () => {
      const readsBody = targets.filter((target) => target.method !== 'GET');
      await fc.assert(fc.asyncProperty(requestTo(readsBody, { bodies: true }), sendGenerated), { numRuns: RUNS.bodies });
    },
    TIMEOUT_MS,
  );

  it(
    'answer bad ids, query strings and methods on every route, with its key or secret, likewise',
    async () => {
      await fc.assert(fc.asyncProperty(requestTo(targets, { bodies: false }), sendGenerated), { numRuns: RUNS.routes });
    },
    TIMEOUT_MS,
  );

  it(
    'answer paths outside the routes (unknown, assets, pages, odd methods) with the envelope',
    async () => {
      const prefix = fc.constantFrom('', '/v1', '/api/checkout', '/checkout', '/assets', '/v1/webhook_endpoints', '/checkout.js', '/api');
      const request = fc.record({
        method: fc.constantFrom(...ODD_METHODS),
        path: fc.tuple(prefix, fc.array(nastySegment(ids), { minLength: 1, maxLength: 4 })).map(([start, segments]) => `${start}/${segments.join('/')}`),
        query: fc.oneof(fc.constant(''), nastyQuery(ids)),
        body: fc.option(fc.string({ unit: char, maxLength: 50 }), { nil: undefined }),
        auth: fc.constantFrom<Target['auth']>('merchant', 'session', 'none'),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ method, path, query, body, auth }) => {
          const url = query ? `${path}?${query}` : path;
          await expectWellBehaved({ method, path: url }, await send(method, url, headersFor(auth, null, {}), body));
        }),
        { numRuns: RUNS.paths },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'answer odd headers (keys, secrets, request ids, content types) with the envelope',
    async () => {
      const request = fc.record({
        index: fc.integer({ min: 0, max: targets.length - 1 }),
        authorization: fc.tuple(fc.constantFrom('', 'Bearer ', 'bearer '), headerText).map(([scheme, text]) => scheme + text),
        requestId: headerText,
        contentType: fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', ''),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ index, authorization, requestId, contentType }) => {
          const target = targets[index]!;
          const path = target.template.replace(/:\w+(\{[^}]*\})?/g, idsFor(target.template)[0]!);
          const headers = headersFor(target.auth, authorization, { 'X-Request-Id': requestId, 'Content-Type': contentType });
          await expectWellBehaved({ method: target.method, path }, await send(target.method, path, headers, toJsonText(target.base)));
        }),
        { numRuns: RUNS.headers },
      );
    },
    TIMEOUT_MS,
  );

});

/** `base` with the value at `path` replaced. */
function withValueAt(base: Record<string, Json>, path: string[], value: Json): Record<string, Json> {
  const copy = structuredClone(base);
  let parent = copy as Record<string, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, Json>;
  parent[path.at(-1)!] = value;
  return copy;
}

async function sendApi(method: string, path: string, auth: Target['auth'], body?: string) {
  const response = await send(method, path, headersFor(auth, null, {}), body);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('what the store cannot take, wherever it is sent', () => {
  const BAD_TEXT: [string, Json][] = [
    ['a NUL', 'ok\u0000'],
    ['a lone surrogate', '\uD800ok'],
    ['5,001 characters', new Repeated('x', 5001)],
  ];

  it('is refused in every field of every body, and each list item, with a 400 naming the field', async () => {
    for (const target of targets.filter((candidate) => bodyRoutes.includes(`${candidate.method} ${candidate.template}`))) {
      const path = target.template.replace(/:\w+/g, idsFor(target.template)[0]!);
      const fields = leafPaths(target.base).flatMap((field) => (Array.isArray(valueAt(target.base, field)) ? [field, [...field, '0']] : [field]));
      for (const field of fields) {
        for (const [, bad] of BAD_TEXT) {
          const response = await sendApi(target.method, path, target.auth, toJsonText(withValueAt(target.base, field, bad)));
          expectApiError(response, 'validation_error', field.join('.'));
        }
      }
    }
  });

  it('is refused in every path parameter of every route, as the path', async () => {
    for (const target of targets.filter((candidate) => candidate.template.includes('/:'))) {
      for (const bad of ['x%00', 'x'.repeat(2049)]) {
        const response = await sendApi(target.method, target.template.replace(/:\w+(\{[^}]*\})?/g, bad), target.auth, '{}');
        expectApiError(response, 'validation_error', 'path');
      }
    }
  });

  it('is refused in every query parameter, with a 400 naming it', async () => {
    for (const target of targets.filter((candidate) => candidate.method === 'GET')) {
      const path = target.template.replace(/:\w+(\{[^}]*\})?/g, idsFor(target.template)[0]!);
      for (const name of QUERY_NAMES) {
        for (const bad of ['x%00', '%00', 'x'.repeat(5001)]) {
          expectApiError(await sendApi('GET', `${path}?${name}=${bad}`, target.auth), 'validation_error', name);
        }
      }
    }
  });
});

describe('after the fuzzing', () => {
  it('still serves good requests', async () => {
    expect((await till.api('GET', '/v1/subscription_configs')).status).toBe(200);
    const session = await till.createSession();
    expect((await till.getSessionView(secretOf(session))).status).toBe(200);
    expect((await till.request('GET', `/checkout/${handleOf(secretOf(session))}`, { key: null })).status).toBe(200);
    expect((await till.complete(secretOf(session))).status).toBe(200);
  });
});
