/** An sRGB colour, each channel 0–255. */
export type Rgb = readonly [number, number, number];

/** WCAG 2 relative luminance: 0 for black, 1 for white. */
export function relativeLuminance([red, green, blue]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/** Black or white text, whichever has the higher WCAG 2 contrast ratio against `background`. */
export function contrastTextColor(background: Rgb): '#000000' | '#ffffff' {
  const luminance = relativeLuminance(background);
  const againstWhite = 1.05 / (luminance + 0.05);
  const againstBlack = (luminance + 0.05) / 0.05;
  return againstWhite >= againstBlack ? '#ffffff' : '#000000';
}
