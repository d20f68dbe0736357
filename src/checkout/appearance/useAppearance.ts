import { useLayoutEffect } from 'preact/hooks';
import type { CheckoutAppearance } from '../../protocol';
import { applyAppearance } from './applyAppearance';
import type { ColorEngine } from './browserColors';

/** Applies the appearance to the document before the first paint, and takes it off when the app goes. */
export function useAppearance(appearance: CheckoutAppearance, colors: ColorEngine): void {
  useLayoutEffect(() => applyAppearance(appearance, document.documentElement, colors), [appearance, colors]);
}
