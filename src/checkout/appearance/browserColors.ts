import type { Rgb } from './contrastTextColor';

/** What the app asks of the browser's CSS engine about a colour; tests pass a fake, as happy-dom accepts any. */
export interface ColorEngine {
  /** `CSS.supports('color', value)`. */
  supports(value: string): boolean;
  /** The sRGB the colour renders as over an opaque `backdrop`, or null when it can't be read. */
  toRgb(value: string, backdrop: string): Rgb | null;
}

/**
 * The browser's own colour parsing: whatever syntax it supports (hex, rgb(), hsl(), oklch(), names…) is read
 * back from a painted canvas pixel, so no colour parser ships in the bundle. A translucent colour is
 * composited over the backdrop it will be seen on.
 */
export const browserColors: ColorEngine = {
  supports: (value) => typeof CSS !== 'undefined' && CSS.supports('color', value),
  toRgb(value, backdrop) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return null;
    for (const fill of [backdrop, value]) {
      context.fillStyle = fill;
      context.fillRect(0, 0, 1, 1);
    }
    const [red = 0, green = 0, blue = 0] = context.getImageData(0, 0, 1, 1).data;
    return [red, green, blue];
  },
};
