export { open, type CheckoutHandle, type CheckoutSuccess, type OpenOptions } from './open';
export { TillError, type TillErrorCode } from './TillError';
export type { CheckoutMode } from '../protocol';
