export {
  open,
  type CheckoutEventMap,
  type CheckoutHandle,
  type CheckoutResult,
  type CheckoutSuccess,
  type OpenOptions,
} from './open';
export { preload } from './preload';
export { TillError, type TillErrorCode } from './TillError';
export type { CheckoutAppearance, CheckoutMode, CheckoutStep, CheckoutTheme } from '../protocol';
