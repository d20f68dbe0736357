import type { Database } from '../server';
import { LEDGER_EVENT_TYPES } from './createShopLedger';

export interface RegisterShopWebhookOptions {
  /** The checkout server's merchant API, reached over HTTP as any merchant reaches it. */
  tillUrl: string;
  apiKey: string;
  /** Where Till should post the shop's webhooks, e.g. `http://localhost:4000/webhooks/till`. */
  url: string;
  /** Where the demo keeps the endpoint's secret (`demo_settings`), since Till shows it only once. */
  db: Database;
}

export interface ShopWebhook {
  webhookEndpointId: string;
  url: string;
  secret: string;
  /** What registering took: nothing (`reused`), a fresh start for a disabled endpoint, a new secret, or a new endpoint. */
  action: 'reused' | 'enabled' | 'rotated' | 'created';
}

interface WebhookEndpoint {
  webhook_endpoint_id: string;
  url: string;
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  secret?: string;
}

/**
 * The demo shop keeps its endpoint's secret beside the demo API key, as it has no database of its own; a real
 * merchant keeps it with their other secrets (an environment variable, a secret manager).
 */
const SECRET_SETTING = 'shop_webhook_secret:';

/**
 * Makes sure Till sends the shop's events to `url`, once per store however often `npm start` runs: an endpoint
 * for `url` whose secret the demo kept is reused (enabled again if it was disabled, say after days of failing
 * while the demo was not running); one whose secret is lost gets a new one by rotation; otherwise one is created.
 * Returns its secret, which the shop verifies webhooks with.
 */
export async function registerShopWebhook({ tillUrl, apiKey, url, db }: RegisterShopWebhookOptions): Promise<ShopWebhook> {
  const till = async <T>(method: string, path: string, body?: object): Promise<T> => {
    const response = await fetch(new URL(path, tillUrl), {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`Till refused ${method} /${path}: ${answer.error?.message ?? response.status}`);
    return answer as T;
  };

  const endpoints: WebhookEndpoint[] = [];
  for (let cursor: string | null = ''; cursor !== null; ) {
    const page: { data: WebhookEndpoint[]; next_cursor: string | null } = await till(
      'GET',
      `v1/webhook_endpoints?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    endpoints.push(...page.data);
    cursor = page.next_cursor;
  }
  const kept = new Map(
    (await db.query<{ name: string; value: string }>('SELECT name, value FROM demo_settings WHERE starts_with(name, $1)', [SECRET_SETTING]))
      .map(({ name, value }) => [name.slice(SECRET_SETTING.length), value]),
  );

  const forUrl = endpoints.filter((endpoint) => endpoint.url === url);
  const ours = forUrl.filter((endpoint) => kept.has(endpoint.webhook_endpoint_id));
  const known = ours.find((endpoint) => endpoint.status === 'enabled') ?? ours[0];
  let endpoint: WebhookEndpoint;
  let action: ShopWebhook['action'];
  if (known) {
    endpoint = { ...known, secret: kept.get(known.webhook_endpoint_id)! };
    action = known.status === 'enabled' ? 'reused' : 'enabled';
  } else if (forUrl[0]) {
    endpoint = await till('POST', `v1/webhook_endpoints/${forUrl[0].webhook_endpoint_id}/rotate_secret`);
    action = 'rotated';
  } else {
    endpoint = await till('POST', 'v1/webhook_endpoints', {
      url,
      enabled_events: LEDGER_EVENT_TYPES,
      description: 'The demo shop (npm start): marks customers subscribed and credits bought.',
    });
    action = 'created';
  }
  const id = endpoint.webhook_endpoint_id;
  const sameEvents = [...endpoint.enabled_events].sort().join() === [...LEDGER_EVENT_TYPES].sort().join();
  if (endpoint.status !== 'enabled' || !sameEvents) {
    await till('PATCH', `v1/webhook_endpoints/${id}`, { disabled: false, enabled_events: LEDGER_EVENT_TYPES });
  }

  // Secrets of endpoints that are gone (deleted through the API) are forgotten; those of other URLs are kept,
  // so a shop moved back to an earlier port finds its endpoint again.
  const gone = [...kept.keys()].filter((keptId) => !endpoints.some((e) => e.webhook_endpoint_id === keptId));
  await db.query('DELETE FROM demo_settings WHERE name = ANY($1)', [gone.map((goneId) => SECRET_SETTING + goneId)]);
  await db.query(
    'INSERT INTO demo_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value',
    [SECRET_SETTING + id, endpoint.secret],
  );
  return { webhookEndpointId: id, url, secret: endpoint.secret!, action };
}
