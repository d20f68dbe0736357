import { completeMessages } from '../i18n/completeMessages';
import { useLocalization } from '../i18n/useLocalization';
import { useFocusOnMount } from './useFocusOnMount';

interface ChallengeFrameProps {
  /** The processor's challenge page (`next_action.url`). */
  url: string;
  /** The customer answered; the checkout then asks the server how the payment ended. */
  onAnswered: () => void;
}

/**
 * The bank's 3-D Secure challenge, over the form, in the checkout's own frame: the customer never leaves the
 * merchant's page (nor, in redirect display, the checkout). Focus moves into it; the form behind is inert.
 */
export function ChallengeFrame({ url, onAnswered }: ChallengeFrameProps) {
  const messages = completeMessages(useLocalization().messages);
  const frame = useFocusOnMount<HTMLIFrameElement>();

  function loaded() {
    // The test processor's page is on the checkout's origin: once answered, it marks itself with the result.
    if (frame.current?.contentDocument?.querySelector('[data-challenge-result]')) onAnswered();
  }

  return (
    <div class="challenge" role="dialog" aria-modal="true" aria-label={messages.challenge}>
      <iframe ref={frame} class="challenge__frame" src={url} title={messages.challenge} onLoad={loaded} />
    </div>
  );
}
