import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { CheckoutSession } from '../../src/checkout/api/CheckoutApi';
import {
  anEstimate,
  apiError,
  countrySelect,
  aSession,
  breakdownAmount,
  deferred,
  fieldDescription,
  fillValidForm,
  payButton,
  renderCheckout,
  returningCustomer,
} from './renderCheckout';

const noCountry = aSession({ country: null });
const inFrance = aSession({
  country: 'FR',
  amount_due: '22.80',
  estimate: {
    ...anEstimate('22.80'),
    tax_rate: { country: 'FR', percentage: 20, display_name: 'TVA' },
    due_today: { subtotal: '19.00', discount: '0.00', tax: '3.80', total: '22.80' },
  },
});

async function renderCountryForm(session: CheckoutSession = noCountry) {
  const rendered = renderCheckout(session);
  await screen.findByRole('heading', { name: 'Acme AI' });
  return { ...rendered, select: await countrySelect() };
}

describe('country', () => {
  it('offers every country by name, sorted, starting with a prompt to choose', async () => {
    const { select } = await renderCountryForm();
    const options = within(select).getAllByRole('option') as HTMLOptionElement[];
    expect(options).toHaveLength(250);
    expect(options[0]).toMatchObject({ value: '', textContent: 'Choose your country' });
    expect(options.slice(1, 4).map((option) => option.textContent)).toEqual(['Afghanistan', 'Åland Islands', 'Albania']);
    expect(select.value).toBe('');
  });

  it('labels the field and names the countries in the checkout’s language', async () => {
    renderCheckout(noCountry, { appearance: { locale: 'de-DE' } });
    const select = await countrySelect('Land');
    expect(within(select).getByRole('option', { name: 'Deutschland' })).toBeTruthy();
    expect(within(select).getByRole('option', { name: 'Vereinigte Staaten' })).toBeTruthy();
  });

  it('asks the server for the new total when the customer picks a country, and shows it', async () => {
    const { api, select } = await renderCountryForm();
    api.update.mockResolvedValueOnce(inFrance);
    fireEvent.input(select, { target: { value: 'FR' } });

    expect(api.update).toHaveBeenCalledWith({ country: 'FR' });
    await waitFor(() => expect(breakdownAmount('Total due today')).toBe('$22.80'));
    expect(breakdownAmount('Tax')).toBe('$3.80');
    expect(payButton().textContent).toBe('Pay $22.80');
  });

  it('keeps Pay disabled until the new total has arrived', async () => {
    const { api, select } = await renderCountryForm();
    const answer = deferred<CheckoutSession>();
    api.update.mockReturnValueOnce(answer.promise);
    fillValidForm();
    fireEvent.input(select, { target: { value: 'FR' } });
    expect((payButton() as HTMLButtonElement).disabled).toBe(true);

    answer.resolve(inFrance);
    await waitFor(() => expect((payButton() as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(payButton());
    await waitFor(() => expect(api.complete).toHaveBeenCalledWith(expect.objectContaining({ customer: expect.objectContaining({ country: 'FR' }) }), expect.any(String)));
  });

  it('asks for quick changes one after another, and shows and charges the last', async () => {
    const { api, select } = await renderCountryForm();
    const inGermany = aSession({
      country: 'DE',
      amount_due: '22.61',
      estimate: { ...anEstimate('22.61'), due_today: { subtotal: '19.00', discount: '0.00', tax: '3.61', total: '22.61' } },
    });
    const [germany, france] = [deferred<CheckoutSession>(), deferred<CheckoutSession>()];
    api.update.mockReturnValueOnce(germany.promise).mockReturnValueOnce(france.promise);
    fillValidForm();
    fireEvent.input(select, { target: { value: 'DE' } });
    fireEvent.input(select, { target: { value: 'FR' } });
    // The second waits for the first, so the server stores them in the order the customer picked them.
    expect(api.update.mock.calls).toEqual([[{ country: 'DE' }]]);

    germany.resolve(inGermany);
    await waitFor(() => expect(api.update.mock.calls).toEqual([[{ country: 'DE' }], [{ country: 'FR' }]]));
    // Germany's answer is in, France's is not: paying now would charge a total not on the screen.
    expect((payButton() as HTMLButtonElement).disabled).toBe(true);

    france.resolve(inFrance);
    await waitFor(() => expect((payButton() as HTMLButtonElement).disabled).toBe(false));
    expect(breakdownAmount('Total due today')).toBe('$22.80');
  });

  it('asks again for a country picked back before the answer came', async () => {
    const { api, select } = await renderCountryForm(inFrance);
    api.update.mockResolvedValueOnce(aSession({ country: 'DE' })).mockResolvedValueOnce(inFrance);
    fireEvent.input(select, { target: { value: 'DE' } });
    fireEvent.input(select, { target: { value: 'FR' } });
    await waitFor(() => expect(api.update.mock.calls).toEqual([[{ country: 'DE' }], [{ country: 'FR' }]]));
  });

  it('does not ask again for the country the estimate is already for', async () => {
    const { api, select } = await renderCountryForm(inFrance);
    expect(select.value).toBe('FR');
    fireEvent.input(select, { target: { value: 'FR' } });
    expect(api.update).not.toHaveBeenCalled();
  });

  it('shows a failed update under the country field', async () => {
    const { api, select } = await renderCountryForm();
    api.update.mockRejectedValueOnce(apiError(0, 'network_error', 'TypeError: Failed to fetch'));
    fireEvent.input(select, { target: { value: 'FR' } });
    await waitFor(() => expect(select.getAttribute('aria-invalid')).toBe('true'));
    expect(fieldDescription('Country')).toBe('We couldn’t update the checkout. Check your connection and try again.');
  });

  it('asks a returning customer for no country', async () => {
    renderCheckout(aSession(returningCustomer));
    await screen.findByText('Signed in as Jane Doe · j•••@example.com');
    expect(screen.queryByRole('combobox', { name: 'Country' })).toBeNull();
    expect(screen.queryByLabelText('Email')).toBeNull();
  });
});
