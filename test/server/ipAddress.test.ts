import geoip from 'geoip-country';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, newCustomerPayment, secretOf, useTestServer } from './support/testServer';

/**
 * Seed 003's `ipAddress`: the country of `customer.ip_address`, from the GeoIP data bundled in `geoip-country`
 * (offline: no test, and no server, makes a network call for it), prices tax unless the merchant names the country.
 * The expected countries are the package's own answers, so the tests hold whatever country its data gives.
 */
const till = useTestServer();

/** MaxMind's own test address in the UK, RIPE NCC's, and Google's public DNS over IPv6. */
const WELL_KNOWN = ['81.2.69.142', '193.0.6.139', '2001:4860:4860::8888'];
const located = WELL_KNOWN.map((address) => ({ address, country: geoip.lookup(address)?.country ?? null }));
const [first] = located;

async function postSession(overrides: Record<string, unknown>) {
  return till.api('POST', '/v1/checkout_sessions', { body: await till.sessionBody(overrides) });
}

/** The demo merchant's active tax rate for `country`, made (10 %) if it has none, so the country prices some tax. */
async function taxRateFor(country: string): Promise<number> {
  const existing = await till.api('GET', `/v1/tax_rates?country=${country}&active=true`);
  if (existing.body.data.length > 0) return existing.body.data[0].percentage;
  const created = await till.api('POST', '/v1/tax_rates', { body: { country, percentage: 10, display_name: 'Tax' } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return 10;
}

beforeAll(() => {
  // The bundled data knows every well-known address: a data update that forgot one fails here, not obscurely below.
  for (const { address, country } of located) expect(country, address).toMatch(/^[A-Z]{2}$/);
});

describe('customer.ip_address (seed 003)', () => {
  it('makes the address’s country the session’s: tax, the returned customer, and the checkout’s country field', async () => {
    const percentage = await taxRateFor(first!.country!);
    const session = await till.createSession({ customer: { ip_address: first!.address } });
    expect(session.customer).toStrictEqual({ email: null, name: null, country: first!.country, lock_email: false, ip_country: first!.country });
    expect(session.estimate.tax_rate).toMatchObject({ country: first!.country, percentage });
    expect(session.estimate.due_today.tax).not.toBe('0.00');

    const { body } = await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`);
    expect(body.customer).toStrictEqual(session.customer);
    const view = await till.getSessionView(secretOf(session));
    expect(view.body).toMatchObject({ country: first!.country, amount_due: session.estimate.due_today.total });
  });

  it('charges the tax of the address’s country at completion', async () => {
    await taxRateFor(first!.country!);
    const session = await till.createSession({ customer: { ip_address: first!.address } });
    const completed = await till.complete(secretOf(session), newCustomerPayment());
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    const payments = await till.api('GET', `/v1/payments?checkout_session_id=${session.checkout_session_id}`);
    expect(payments.body.data).toMatchObject([{ amount: session.estimate.due_today.total, status: 'succeeded' }]);
    expect(session.estimate.due_today.total).not.toBe(session.estimate.due_today.subtotal);
  });

  it.each(located.map(({ address, country }) => [address, country]))('places %s where the bundled data does (%s)', async (address, country) => {
    const session = await till.createSession({ customer: { ip_address: address } });
    expect(session.customer).toMatchObject({ country, ip_country: country });
  });

  it('reads an IPv4-mapped IPv6 address as its IPv4 address', async () => {
    const session = await till.createSession({ customer: { ip_address: `::ffff:${first!.address}` } });
    expect(session.customer?.ip_country).toBe(first!.country);
  });

  it('lets an explicit customer.country win over the address', async () => {
    const explicit = first!.country === 'JP' ? 'DE' : 'JP';
    const session = await till.createSession({ customer: { country: explicit, ip_address: first!.address } });
    expect(session.customer).toMatchObject({ country: explicit, ip_country: first!.country });
    expect(session.estimate.tax_rate?.country).toBe(explicit);
    expect((await till.getSessionView(secretOf(session))).body.country).toBe(explicit);
  });

  it('lets a returning customer’s country on file win over the address', async () => {
    const { connectionId } = await till.subscribe();
    const onFile = first!.country === 'FR' ? 'DE' : 'FR';
    await till.db.query('UPDATE connections SET country = $2 WHERE connection_id = $1', [connectionId, onFile]);
    const { proYearly } = await till.plans();
    const session = await till.createSession({ subscription_config_id: proYearly, connection_id: connectionId, customer: { ip_address: first!.address } });
    expect(session.customer).toMatchObject({ country: onFile, ip_country: first!.country });
  });

  it.each(['10.0.0.1', '192.168.1.20', '127.0.0.1', '100.64.0.1', '::1', 'fe80::1', 'fc00::7', '2001:db8::1'])(
    'gives no country for the private or reserved address %s, and is no error',
    async (address) => {
      const session = await till.createSession({ customer: { ip_address: address } });
      expect(session.customer).toBeNull();
      expect(session.estimate.tax_rate).toBeNull();
    },
  );

  it('takes a null address as absent', async () => {
    expect((await till.createSession({ customer: { ip_address: null } })).customer).toBeNull();
  });

  it.each([
    ['a host name', 'localhost'],
    ['an IPv4 address with a part over 255', '256.1.1.1'],
    ['an IPv4 address with leading zeros', '010.1.1.1'],
    ['a short IPv4 address', '1.2.3'],
    ['an address with a prefix length', '8.8.8.8/32'],
    ['an address with spaces', ' 8.8.8.8'],
    ['an IPv6 address with two ::', '1::2::3'],
    ['an IPv6 address with a zone', 'fe80::1%eth0'],
    ['an empty string', ''],
    ['text longer than any address', '1'.repeat(46)],
    ['a NUL character', '8.8.8.8\u0000'],
    ['a number', 134744072],
  ])('refuses %s, naming customer.ip_address', async (_, address) => {
    expectApiError(await postSession({ customer: { ip_address: address } }), 'validation_error', 'customer.ip_address');
  });

  it('keeps only the country: the address is in no response and nowhere in the store', async () => {
    const session = await till.createSession({ customer: { ip_address: first!.address, email: 'where@example.com' } });
    const fetched = await till.api('GET', `/v1/checkout_sessions/${session.checkout_session_id}`);
    const view = await till.getSessionView(secretOf(session));
    for (const body of [session, fetched.body, view.body]) expect(JSON.stringify(body)).not.toContain(first!.address);
    expect(await till.dumpStore()).not.toContain(first!.address);
  });
});
