import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ColorEngine } from '../../src/checkout/appearance/browserColors';
import { contrastTextColor } from '../../src/checkout/appearance/contrastTextColor';
import type { CheckoutAppearance } from '../../src/protocol';
import { createFakeColors, renderCheckout } from './renderCheckout';

const root = document.documentElement;
const accentProperties = () =>
  Object.fromEntries(['--accent', '--accent-text', '--accent-hover'].map((name) => [name, root.style.getPropertyValue(name)]));

async function renderWithAppearance(appearance: CheckoutAppearance, colors: ColorEngine = createFakeColors()) {
  const rendered = renderCheckout(undefined, { appearance, colors });
  await screen.findByRole('heading', { name: 'Acme AI' });
  return rendered;
}

afterEach(() => {
  delete root.dataset.theme;
  root.removeAttribute('style');
});

describe('appearance: theme', () => {
  it.each(['light', 'dark', 'auto'] as const)('sets data-theme="%s" on the root element', async (theme) => {
    await renderWithAppearance({ theme });
    expect(root.dataset.theme).toBe(theme);
  });

  it('sets no data-theme without a theme, so the page follows the system', async () => {
    await renderWithAppearance({});
    expect(root.hasAttribute('data-theme')).toBe(false);
  });

  it('ignores a theme it does not know', async () => {
    await renderWithAppearance({ theme: 'sepia' as never });
    expect(root.hasAttribute('data-theme')).toBe(false);
  });

  it('takes the theme off when the app goes', async () => {
    const { unmount } = await renderWithAppearance({ theme: 'dark', accentColor: '#3b5bdb' });
    unmount();
    expect(root.hasAttribute('data-theme')).toBe(false);
    expect(accentProperties()).toEqual({ '--accent': '', '--accent-text': '', '--accent-hover': '' });
  });
});

describe('appearance: accent colour', () => {
  it('sets --accent through the CSSOM, with white text on a dark accent', async () => {
    await renderWithAppearance({ accentColor: '#3b5bdb' });
    expect(accentProperties()).toEqual({
      '--accent': '#3b5bdb',
      '--accent-text': '#ffffff',
      '--accent-hover': 'color-mix(in srgb, #3b5bdb 85%, #000000)',
    });
    // Set on the element's CSSOM, which `style-src 'self'` allows; nothing is injected into the markup.
    expect(document.querySelectorAll('style')).toHaveLength(0);
  });

  it('picks black text, and a lighter hover, for a light accent', async () => {
    await renderWithAppearance({ accentColor: '#ffd43b' });
    expect(accentProperties()).toEqual({
      '--accent': '#ffd43b',
      '--accent-text': '#000000',
      '--accent-hover': 'color-mix(in srgb, #ffd43b 85%, #ffffff)',
    });
  });

  it('accepts any colour syntax the browser does, such as a name', async () => {
    await renderWithAppearance({ accentColor: 'rebeccapurple' });
    expect(accentProperties()['--accent-text']).toBe('#ffffff');
  });

  it('reads the colour against the card it sits on', async () => {
    const colors = createFakeColors();
    await renderWithAppearance({ accentColor: '#3b5bdb' }, colors);
    expect(colors.toRgb).toHaveBeenCalledWith('#3b5bdb', expect.any(String));
  });

  it('ignores a value the browser does not take as a colour', async () => {
    const colors = createFakeColors();
    await renderWithAppearance({ accentColor: 'not-a-colour' }, colors);
    expect(accentProperties()).toEqual({ '--accent': '', '--accent-text': '', '--accent-hover': '' });
    expect(colors.toRgb).not.toHaveBeenCalled();
  });

  it.each(['var(--danger)', 'inherit', 'currentColor', 'initial', 'env(safe-area-inset-top)'])(
    'ignores %s, which CSS.supports accepts but which names no colour',
    async (accentColor) => {
      const anything: ColorEngine = { supports: () => true, toRgb: () => [0, 0, 0] };
      await renderWithAppearance({ accentColor }, anything);
      expect(root.style.getPropertyValue('--accent')).toBe('');
    },
  );

  it('ignores an accent colour that is not a string', async () => {
    await renderWithAppearance({ accentColor: 0x3b5bdb as never });
    expect(root.style.getPropertyValue('--accent')).toBe('');
  });

  it('keeps the accent off when its colour cannot be read, so text colour is never guessed', async () => {
    const unreadable = { supports: () => true, toRgb: () => null };
    await renderWithAppearance({ accentColor: '#3b5bdb' }, unreadable);
    expect(root.style.getPropertyValue('--accent')).toBe('');
  });

  it('falls back to the accent itself for hover where color-mix() is not supported', async () => {
    const colors = createFakeColors();
    colors.supports = (value: string) => value === '#3b5bdb';
    await renderWithAppearance({ accentColor: '#3b5bdb' }, colors);
    expect(root.style.getPropertyValue('--accent-hover')).toBe('#3b5bdb');
  });
});

describe('contrastTextColor', () => {
  it.each([
    [[0, 0, 0], '#ffffff'],
    [[255, 255, 255], '#000000'],
    [[59, 91, 219], '#ffffff'],
    [[255, 212, 59], '#000000'],
    [[201, 42, 42], '#ffffff'],
    // Mid grey: black reads better (5.3:1 against 4.0:1), as WCAG's luminance, not the 128 midpoint, says.
    [[128, 128, 128], '#000000'],
  ] as const)('puts %j behind %s text', (rgb, text) => {
    expect(contrastTextColor(rgb)).toBe(text);
  });
});
