/**
 * Inline display: the frame in the merchant's own element grows with its content, to the height the app reports.
 * Heights outside these bounds (or not numbers at all) are a broken or hostile frame, and change nothing.
 */
export const resizeInline = (iframe: HTMLIFrameElement, height: number) => {
  // In the function, not the module: the minifier inlines a function's constants only.
  const MIN_HEIGHT = 200;
  const MAX_HEIGHT = 5000;
  if (height >= MIN_HEIGHT && height <= MAX_HEIGHT) iframe.style.height = `${Math.ceil(height)}px`;
};
