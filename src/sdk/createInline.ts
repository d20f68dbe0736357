import { createFrame, type Surface } from './createFrame';

export interface InlineSurface extends Surface {
  resize(height: number): void;
}

/** The checkout rendered in the merchant's own element, growing with its content. */
export function createInline(container: Element, src: string): InlineSurface {
  // Heights outside these bounds (or not numbers at all) are a broken or hostile frame, and change nothing.
  // In the function, not the module: the minifier inlines a function's constants only.
  const MIN_HEIGHT = 200;
  const MAX_HEIGHT = 5000;
  const iframe = createFrame(container, src, '600px');
  return {
    iframe,
    resize(height) {
      if (height >= MIN_HEIGHT && height <= MAX_HEIGHT) iframe.style.height = `${Math.ceil(height)}px`;
    },
    destroy: () => iframe.remove(),
  };
}
