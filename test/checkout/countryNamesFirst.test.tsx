import { screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { aSession, deferred, renderCheckout } from './renderCheckout';

// The chunk that names the countries, held until the test lets it arrive.
const namesArrive = deferred<void>();
vi.mock('../../src/checkout/form/countryOptions', async (importOriginal) => {
  await namesArrive.promise;
  return importOriginal();
});

describe('the country field', () => {
  // Naming every country costs tens of milliseconds the first time (Intl loads its region names): issue 13.
  it('lets the form show and be typed in before the countries are named, then names them', async () => {
    renderCheckout(aSession({ country: null }));
    const email = (await screen.findByLabelText('Email')) as HTMLInputElement;
    const select = screen.getByLabelText('Country') as HTMLSelectElement;
    expect(email.disabled).toBe(false);
    expect([...select.options].map((option) => option.textContent)).toEqual(['Choose your country']);

    namesArrive.resolve();
    await waitFor(() => expect(select.options).toHaveLength(250));
  });
});
