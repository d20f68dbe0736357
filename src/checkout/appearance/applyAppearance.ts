import type { CheckoutAppearance, CheckoutTheme } from '../../protocol';
import type { ColorEngine } from './browserColors';
import { contrastTextColor } from './contrastTextColor';

const THEMES: readonly CheckoutTheme[] = ['light', 'dark', 'auto'];

// Keywords and functions CSS.supports accepts as a colour but that don't name one: they would resolve against
// our own stylesheet (inherit, var(--danger)) or against the button's text (currentcolor).
const NOT_A_COLOR = /^(inherit|initial|unset|revert|revert-layer|currentcolor)$|\b(var|env|attr)\s*\(/i;

const ACCENT_PROPERTIES = ['--accent', '--accent-text', '--accent-hover'] as const;

/**
 * Applies the merchant's appearance to the document and returns the cleanup that takes it off again.
 *
 * - `theme` becomes `data-theme` on the root element: `light` and `dark` pin a palette, `auto` (or none) follows
 *   `prefers-color-scheme` (checkout.css).
 * - `accentColor` becomes `--accent`, set through the CSSOM, which `style-src 'self'` allows (a `style` attribute
 *   would not be), and only when the browser takes it as a colour. Button text becomes black or white, whichever
 *   reads better on it, and the hover shade moves away from the text colour, so contrast only grows.
 *
 * The appearance arrived from the merchant's page, so every field is checked here, whatever its type claims.
 */
export function applyAppearance(appearance: CheckoutAppearance, root: HTMLElement, colors: ColorEngine): () => void {
  const theme = THEMES.find((name) => name === appearance.theme);
  if (theme) root.dataset.theme = theme;
  else delete root.dataset.theme;

  const accent = appearance.accentColor;
  if (typeof accent === 'string' && !NOT_A_COLOR.test(accent.trim()) && colors.supports(accent)) {
    // The theme is already applied, so the card colour read here is the one the button sits on.
    const card = getComputedStyle(root).getPropertyValue('--card').trim() || '#ffffff';
    const rgb = colors.toRgb(accent, card);
    if (rgb) {
      const text = contrastTextColor(rgb);
      const hover = `color-mix(in srgb, ${accent} 85%, ${text === '#ffffff' ? '#000000' : '#ffffff'})`;
      root.style.setProperty('--accent', accent);
      root.style.setProperty('--accent-text', text);
      root.style.setProperty('--accent-hover', colors.supports(hover) ? hover : accent);
    }
  }

  return () => {
    delete root.dataset.theme;
    for (const property of ACCENT_PROPERTIES) root.style.removeProperty(property);
  };
}
