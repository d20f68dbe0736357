import { screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckoutApi } from '../../src/checkout/api/CheckoutApi';
import { loadFirst } from '../../src/checkout/CheckoutApp';
import { preformatted } from '../../src/checkout/format/preformatted';
import { preformatView, viewLocales } from '../../src/server/checkout/preformatView';
import { anEstimate, aSession, renderCheckout } from './renderCheckout';

/** The first load as main.tsx makes it in a frame, before the app renders: the session, then its language. */
const firstLoadOf = (session = aSession()) => loadFirst({ getSession: async () => session } as unknown as CheckoutApi, undefined, ['en-US']);

afterEach(() => {
  for (const key of Object.keys(preformatted)) delete preformatted[key];
});

/** The kinds of the `Intl` formatters built while `run` runs: a renderer's first one costs it tens of milliseconds. */
function formattersBuiltBy(run: () => void): string[] {
  const built: string[] = [];
  const { NumberFormat, DateTimeFormat } = Intl;
  Intl.NumberFormat = class extends NumberFormat {
    constructor(...args: ConstructorParameters<typeof NumberFormat>) {
      super(...args);
      built.push('number');
    }
  } as typeof NumberFormat;
  Intl.DateTimeFormat = class extends DateTimeFormat {
    constructor(...args: ConstructorParameters<typeof DateTimeFormat>) {
      super(...args);
      built.push('date');
    }
  } as typeof DateTimeFormat;
  try {
    run();
  } finally {
    Object.assign(Intl, { NumberFormat, DateTimeFormat });
  }
  return built;
}

describe('given the first load before it renders', () => {
  // Issue 13: the server formats the first view's values, so the first render builds no formatter of its own.
  it('shows the form, its prices and its next charge’s date without an Intl formatter when the server formatted them', async () => {
    const view = aSession({ estimate: anEstimate('19.00', { date: '2030-02-15T12:00:00.000Z', amount: '19.00' }) });
    const session = { ...view, formats: preformatView(view, viewLocales(null, 'en-US')) };
    const first = await firstLoadOf(session);
    expect(formattersBuiltBy(() => renderCheckout(session, { first }))).toEqual([]);
    expect((screen.getByLabelText('Email') as HTMLInputElement).disabled).toBe(false);
    const next = new Date('2030-02-15T12:00:00.000Z');
    const nextDay = session.formats[`en-US ${next.toDateString()}`]!;
    expect(screen.getAllByText(nextDay, { exact: false })).not.toEqual([]);
  });

  it('formats the first view itself when the server sent no formats', async () => {
    const session = aSession({ estimate: anEstimate('19.00', { date: '2030-02-15T12:00:00.000Z', amount: '19.00' }) });
    const first = await firstLoadOf(session);
    expect(formattersBuiltBy(() => renderCheckout(session, { first }))).toEqual(expect.arrayContaining(['number', 'date']));
    const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'long' }).format(new Date('2030-02-15T12:00:00.000Z'));
    expect(screen.getAllByText(date, { exact: false })).not.toEqual([]);
  });

  // Issue 13: the frame renders once, the form, rather than the skeleton and then the form.
  it('starts on the form, asks for nothing again, and tells the loader once the form is on the page', async () => {
    const { api, sentOfType, steps } = renderCheckout(aSession(), { first: await firstLoadOf() });
    // On the first render, with no wait: no skeleton in between.
    expect((screen.getByLabelText('Email') as HTMLInputElement).disabled).toBe(false);
    expect(screen.queryByText('Loading checkout…')).toBeNull();

    await waitFor(() => expect(steps()).toEqual(['payment']));
    expect(sentOfType('ready')).toHaveLength(1);
    expect(api.getSession).not.toHaveBeenCalled();
  });

  it('starts on the screen of a session that has ended, and tells the loader why', async () => {
    const { sentOfType, steps } = renderCheckout(aSession(), { first: await firstLoadOf(aSession({ status: 'completed' })) });
    expect(screen.getByRole('heading', { name: 'This checkout is already complete' })).toBeTruthy();
    await waitFor(() => expect(sentOfType('failure').map((m) => m.code)).toEqual(['session_completed']));
    expect(steps()).toEqual(['ended']);
    expect(sentOfType('ready')).toEqual([]);
  });
});
