import { describe, expect, it } from 'vitest';
import { createShopLedger, type TillEvent } from '../../src/demo/createShopLedger';

// Event ids sort by creation, as Till's ULIDs do.
const event = (n: number, type: string, data: Record<string, unknown>): TillEvent => ({
  event_id: `evt_test_0${n}`,
  type,
  created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  data,
});

const connectionCreated = event(1, 'connection.created', {
  connection_id: 'con_1',
  customer: { email: 'ada@example.com', name: 'Ada' },
  subscription: { status: 'active' },
  credit_balance: '10.00',
});
const firstPack = event(2, 'credits.purchased', { connection_id: 'con_1', checkout_session_id: 'cs_2', credits_added: '5.00', credit_balance: '15.00' });
const secondPack = event(3, 'credits.purchased', { connection_id: 'con_1', checkout_session_id: 'cs_3', credits_added: '5.00', credit_balance: '20.00' });

describe('the demo shop’s ledger', () => {
  it('keeps the newest credit balance when an older event arrives after a newer one', () => {
    const ledger = createShopLedger();
    for (const e of [secondPack, firstPack, connectionCreated]) ledger.record(e.event_id, e);
    expect(ledger.connection('con_1')).toEqual({ email: 'ada@example.com', subscribed: true, creditBalance: '20.00' });
    expect(ledger.checkout('cs_2')).toMatchObject({ checkoutMode: 'credit_bundle', creditsAdded: '5.00', creditBalance: '15.00' });
  });

  it('confirms a credit pack by credits.purchased, not by checkout.completed alone', () => {
    const ledger = createShopLedger();
    const completed = event(4, 'checkout.completed', { checkout_session_id: 'cs_2', checkout_mode: 'credit_bundle', connection_id: 'con_1' });
    ledger.record(completed.event_id, completed);
    expect(ledger.checkout('cs_2')).toBeUndefined();
    ledger.record(firstPack.event_id, firstPack);
    expect(ledger.checkout('cs_2')).toEqual({ checkoutMode: 'credit_bundle', connectionId: 'con_1', creditsAdded: '5.00', creditBalance: '15.00' });
  });

  it('confirms a subscription by checkout.completed, before the connection’s own event has come', () => {
    const ledger = createShopLedger();
    const completed = event(4, 'checkout.completed', {
      checkout_session_id: 'cs_1', checkout_mode: 'subscription', connection_id: 'con_1', subscription_id: 'sub_1',
    });
    ledger.record(completed.event_id, completed);
    expect(ledger.checkout('cs_1')).toEqual({ checkoutMode: 'subscription', connectionId: 'con_1', creditsAdded: null, creditBalance: null });
    expect(ledger.connection('con_1')).toEqual({ subscribed: true });
  });

  it('remembers the webhook ids it recorded, and knows nothing it was not sent', () => {
    const ledger = createShopLedger();
    ledger.record('msg_1', connectionCreated);
    expect(ledger.hasSeen('msg_1')).toBe(true);
    expect(ledger.hasSeen('msg_2')).toBe(false);
    expect(ledger.connection('con_2')).toBeUndefined();
    expect(ledger.checkout('cs_9')).toBeUndefined();
  });
});
