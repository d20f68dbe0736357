import { useLocalization } from '../i18n/useLocalization';

/**
 * The close button of the loader's modal dialog. The dialog on the merchant's page holds nothing but our frame,
 * so the button is ours and asks the loader to close, which it refuses while a payment is processing.
 */
export function CloseButton({ onClose }: { onClose: () => void }) {
  const { messages } = useLocalization();
  return (
    <button type="button" class="close-button" aria-label={messages.closeCheckout} onClick={onClose}>
      <span aria-hidden="true">×</span>
    </button>
  );
}
