import type { CheckoutApi, CheckoutSession } from './api/CheckoutApi';
import type { Screen } from './CheckoutApp';
import { confirmingPollDelay } from './createPayer';
import { formExtras, needsFormExtras } from './form/formExtras';
import { completeMessages } from './i18n/completeMessages';
import type { FirstMessages } from './i18n/messages';
import { sessionEndForError, sessionEndForStatus } from './screens/sessionEnd';

/**
 * Asks for the session, less often as time goes on (`confirmingPollDelay`), until it is no longer `processing`,
 * through failures that leave it payable (the network); an error that ends it (not found, expired) rejects. Once the
 * app is gone (`mounted` false), it asks no more and never settles.
 */
function settledSession(api: CheckoutApi, mounted: { current: boolean }): Promise<CheckoutSession> {
  return new Promise((resolve, reject) => {
    let asked = 0;
    const askLater = () => setTimeout(ask, confirmingPollDelay(asked++));
    const ask = async () => {
      if (!mounted.current) return;
      try {
        const session = await api.getSession();
        if (session.status !== 'processing') return resolve(session);
      } catch (error) {
        if (sessionEndForError(error)) return reject(error);
      }
      askLater();
    };
    askLater();
  });
}

/**
 * For a checkout reopened while its payment settles (a reload, or the customer coming back): waits for the payment's
 * end, and answers the screen that shows it. Paid, the success screen; declined, which opens the session again, the
 * form, saying why the card was declined; the session ended meanwhile, its end. Rejects when the form's extras, which
 * the session shows, do not arrive.
 */
export async function screenAfterSettling(api: CheckoutApi, messages: FirstMessages, mounted: { current: boolean }): Promise<Screen> {
  let session: CheckoutSession;
  try {
    session = await settledSession(api, mounted);
  } catch (error) {
    return { name: 'ended', end: sessionEndForError(error)!, session: null };
  }
  if (session.status === 'completed') return { name: 'paid', session };
  const end = sessionEndForStatus(session.status);
  if (end) return { name: 'ended', end, session };
  if (needsFormExtras(session)) await formExtras.load();
  return { name: 'open', session, alert: completeMessages(messages).declines[session.last_decline_code ?? 'card_declined'] };
}
