import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectApiError, secretOf, useTestServer } from './support/testServer';

const till = useTestServer();

/** A session body marked with a fresh `reference_id`, so the sessions it made can be counted. */
async function markedBody(overrides: Record<string, unknown> = {}) {
  const reference = `ref-${randomUUID()}`;
  return { reference, body: await till.sessionBody({ reference_id: reference, ...overrides }) };
}

async function sessionsWith(reference: string) {
  const rows = await till.db.query<{ count: number }>('SELECT count(*)::int AS count FROM checkout_sessions WHERE reference_id = $1', [reference]);
  return rows[0]!.count;
}

const post = (body: unknown, key?: string, apiKey?: string) =>
  till.api('POST', '/v1/checkout_sessions', { body, headers: key === undefined ? {} : { 'Idempotency-Key': key }, ...(apiKey ? { key: apiKey } : {}) });

describe('Idempotency-Key on merchant POSTs', () => {
  it('replays the first response, status included, for a retry with the same key and body', async () => {
    const { reference, body } = await markedBody();
    const key = randomUUID();
    const first = await post(body, key);
    const retry = await post(body, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toStrictEqual(first.body);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    expect(await sessionsWith(reference)).toBe(1);
  });

  it('refuses the same key with a different body', async () => {
    const key = randomUUID();
    const { body } = await markedBody();
    expect((await post(body, key)).status).toBe(201);
    const { reference, body: other } = await markedBody();
    expectApiError(await post(other, key), 'idempotency_key_reused', 'Idempotency-Key');
    expect(await sessionsWith(reference)).toBe(0);
  });

  it('makes one session of 20 concurrent requests with one key, and answers each with it', async () => {
    const { reference, body } = await markedBody();
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(body, key)));
    expect(responses.map((r) => r.status)).toStrictEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.body.checkout_session_id)).size).toBe(1);
    expect(await sessionsWith(reference)).toBe(1);
  });

  it("takes seed 001's body field idempotency_key as the key", async () => {
    const key = randomUUID();
    const { reference, body } = await markedBody({ idempotency_key: key });
    const first = await post(body);
    const retry = await post(body);
    expect(retry.body.checkout_session_id).toBe(first.body.checkout_session_id);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await sessionsWith(reference)).toBe(1);
  });

  it('takes the body field and the header together when they agree, and refuses them when they differ', async () => {
    const key = randomUUID();
    const { body } = await markedBody({ idempotency_key: key });
    expect((await post(body, key)).status).toBe(201);
    expectApiError(await post(body, randomUUID()), 'validation_error', 'idempotency_key');
  });

  it('replays a refusal too: the outcome of the first request, not a second try', async () => {
    const key = randomUUID();
    const { body } = await markedBody({ quantity: 0 });
    const first = await post(body, key);
    expectApiError(first, 'validation_error', 'quantity');
    const retry = await post(body, key);
    // The first request's answer, as the retry's own: its request_id is the retry's X-Request-Id (issue 10).
    expect({ status: retry.status, body: retry.body }).toStrictEqual({
      status: first.status,
      body: { error: { ...first.body.error, request_id: retry.headers.get('X-Request-Id') } },
    });
  });

  it('keeps no response that failed on our side, so the retry runs again', async () => {
    const key = randomUUID();
    const { reference, body } = await markedBody();
    await till.db.query(`CREATE FUNCTION refuse_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'store unavailable'; END $$`);
    await till.db.query('CREATE TRIGGER refuse_sessions BEFORE INSERT ON checkout_sessions FOR EACH ROW EXECUTE FUNCTION refuse_sessions()');
    try {
      expect((await post(body, key)).status).toBe(500);
    } finally {
      await till.db.query('DROP TRIGGER refuse_sessions ON checkout_sessions');
      await till.db.query('DROP FUNCTION refuse_sessions()');
    }
    expect((await post(body, key)).status).toBe(201);
    expect(await sessionsWith(reference)).toBe(1);
  });

  it('forgets a key after 24 hours', async () => {
    const key = randomUUID();
    const { reference, body } = await markedBody();
    await post(body, key);
    await till.db.query("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE idempotency_key = $1", [key]);
    const later = await post(body, key);
    expect(later.status).toBe(201);
    expect(later.headers.get('Idempotent-Replayed')).toBeNull();
    expect(await sessionsWith(reference)).toBe(2);
  });

  it("has the worker's sweep delete keys past their 24 hours, and only those", async () => {
    const [old, fresh] = [randomUUID(), randomUUID()];
    await post((await markedBody()).body, old);
    await post((await markedBody()).body, fresh);
    await till.db.query("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE idempotency_key = $1", [old]);
    await till.stopWorkers();
    till.startWorker();
    await till.stopWorkers();
    const left = await till.db.query<{ idempotency_key: string }>('SELECT idempotency_key FROM idempotency_keys WHERE idempotency_key = ANY($1)', [[old, fresh]]);
    expect(left.map((row) => row.idempotency_key)).toStrictEqual([fresh]);
  });

  it('keeps keys apart between merchants', async () => {
    const other = await till.insertOtherMerchant();
    const key = randomUUID();
    const mine = await post((await markedBody()).body, key);
    const theirs = await post(
      { checkout_mode: 'subscription', origin_url: 'https://other.example.com/', subscription_config_id: other.configId },
      key,
      other.apiKey,
    );
    expect(theirs.status).toBe(201);
    expect(theirs.body.checkout_session_id).not.toBe(mine.body.checkout_session_id);
  });

  it('applies to every POST, webhook endpoints included', async () => {
    const key = randomUUID();
    const body = { url: 'http://127.0.0.1:9/hooks', enabled_events: ['*'], description: key };
    const first = await till.api('POST', '/v1/webhook_endpoints', { body, headers: { 'Idempotency-Key': key } });
    const retry = await till.api('POST', '/v1/webhook_endpoints', { body, headers: { 'Idempotency-Key': key } });
    expect(retry.body).toStrictEqual(first.body);
    const rows = await till.db.query('SELECT 1 FROM webhook_endpoints WHERE description = $1', [key]);
    expect(rows).toHaveLength(1);
  });

  it("keeps neither a new API key's secret nor a session's token readable in the store, and still replays them", async () => {
    // A caller key made through the API, as the demo key itself is kept in demo_settings for the demo page.
    const caller = (await till.api('POST', '/v1/api_keys', { body: { description: 'caller' } })).body.secret as string;
    const [keyKey, sessionKey] = [randomUUID(), randomUUID()];
    const createKey = () => till.api('POST', '/v1/api_keys', { body: { description: 'sealed' }, headers: { 'Idempotency-Key': keyKey }, key: caller });
    const newKey = await createKey();
    const { body } = await markedBody();
    const session = await post(body, sessionKey, caller);
    expect([newKey.status, session.status]).toStrictEqual([201, 201]);
    const [apiKeySecret, sessionSecret] = [newKey.body.secret as string, secretOf(session.body)];

    const dump = await till.dumpStore();
    expect(dump).toContain(keyKey);
    expect(dump).toContain(sessionKey);
    for (const secret of [apiKeySecret, sessionSecret, session.body.checkout_session_token, caller]) {
      expect(dump).not.toContain(secret);
    }
    expect(dump).not.toContain(apiKeySecret.slice('sk_test_'.length));
    expect(dump).not.toContain(sessionSecret.slice('css_test_'.length));

    const keyRetry = await createKey();
    expect(keyRetry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(keyRetry.body).toStrictEqual(newKey.body);
    const sessionRetry = await post(body, sessionKey, caller);
    expect(sessionRetry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(sessionRetry.body).toStrictEqual(session.body);
  });

  it("refuses another API key of the merchant a replay of the first key's response, which it cannot read", async () => {
    const other = await till.api('POST', '/v1/api_keys', { body: { description: 'second key' } });
    const key = randomUUID();
    const { reference, body } = await markedBody();
    const first = await post(body, key);
    expectApiError(await post(body, key, other.body.secret), 'idempotency_key_reused', 'Idempotency-Key');
    expect((await post(body, key)).body).toStrictEqual(first.body);
    expect(await sessionsWith(reference)).toBe(1);
  });

  it('refuses a kept response whose status was changed in the store, as it no longer opens', async () => {
    const key = randomUUID();
    const { body } = await markedBody();
    await post(body, key);
    await till.db.query('UPDATE idempotency_keys SET status = 200 WHERE idempotency_key = $1', [key]);
    expectApiError(await post(body, key), 'idempotency_key_reused', 'Idempotency-Key');
  });

  it('replays a response kept before responses were sealed, as it was kept', async () => {
    const key = randomUUID();
    const body = { url: 'http://127.0.0.1:9/hooks', enabled_events: ['*'], description: key };
    const first = await till.api('POST', '/v1/webhook_endpoints', { body, headers: { 'Idempotency-Key': key } });
    await till.db.query('UPDATE idempotency_keys SET response_body = $2 WHERE idempotency_key = $1', [key, JSON.stringify(first.body)]);
    const retry = await till.api('POST', '/v1/webhook_endpoints', { body, headers: { 'Idempotency-Key': key } });
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.body).toStrictEqual(first.body);
  });

  it.each(['', 'with space', 'x'.repeat(256), 'naïve'])('refuses the key %j', async (key) => {
    expectApiError(await post((await markedBody()).body, key), 'validation_error', 'Idempotency-Key');
  });
});
