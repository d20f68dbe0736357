import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { createMessage } from '../protocol';
import type { CheckoutApi, CheckoutSession, CompleteCheckoutBody } from './CheckoutApi';
import { CheckoutForm } from './CheckoutForm';
import type { LoaderLink } from './connectToLoader';
import { LoadingSkeleton } from './LoadingSkeleton';
import { messages as defaultMessages } from './messages';
import type { Messages } from './messages';
import { MessageScreen } from './MessageScreen';
import { failureCodeForSessionEnd, sessionEndForError, sessionEndForStatus } from './sessionEnd';
import type { SessionEnd } from './sessionEnd';
import { SuccessScreen } from './SuccessScreen';
import { useCloseOnEscape } from './useCloseOnEscape';
import { LocalizationContext } from './useLocalization';

export interface CheckoutAppProps {
  api: CheckoutApi;
  loader: LoaderLink;
  /** From the page's meta tag, so failures can name the session even when the API can't find it. */
  checkoutSessionId: string;
  messages?: Messages;
  locale?: string;
  /** Decides whether a card has expired; injectable so tests don't depend on the calendar. */
  today?: () => Date;
}

type Screen =
  | { name: 'loading' }
  | { name: 'unreachable' }
  | { name: 'ended'; end: SessionEnd }
  | { name: 'open'; session: CheckoutSession }
  | { name: 'paid'; session: CheckoutSession };

/** Loads the session, takes the payment and tells the loader how it went. */
export function CheckoutApp({ api, loader, checkoutSessionId, messages = defaultMessages, locale, today = () => new Date() }: CheckoutAppProps) {
  const [screen, setScreen] = useState<Screen>({ name: 'loading' });
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  useCloseOnEscape(loader);

  const endSession = useCallback(
    (end: SessionEnd) => {
      const message = messages.screens[end].body;
      loader.send(createMessage('failure', { checkoutSessionId, code: failureCodeForSessionEnd[end], message }));
      setScreen({ name: 'ended', end });
    },
    [loader, checkoutSessionId, messages],
  );

  const load = useCallback(async () => {
    setScreen({ name: 'loading' });
    try {
      const session = await api.getSession();
      if (!mounted.current) return;
      const end = sessionEndForStatus(session.status);
      if (end) return endSession(end);
      loader.send(createMessage('ready', { checkoutSessionId, checkoutMode: session.checkout_mode }));
      setScreen({ name: 'open', session });
    } catch (error) {
      if (!mounted.current) return;
      const end = sessionEndForError(error);
      if (end) endSession(end);
      else setScreen({ name: 'unreachable' });
    }
  }, [api, loader, checkoutSessionId, endSession]);

  useEffect(() => void load(), [load]);

  async function pay(session: CheckoutSession, body: CompleteCheckoutBody) {
    try {
      const completed = await api.complete(body);
      const { connection_id: connectionId, checkout_mode: checkoutMode } = completed;
      loader.send(createMessage('success', { checkoutSessionId, connectionId, checkoutMode }));
      setScreen({ name: 'paid', session });
    } catch (error) {
      const end = sessionEndForError(error);
      if (!end) throw error; // the form shows it and the customer can try again
      endSession(end);
    }
  }

  return <LocalizationContext.Provider value={{ messages, locale }}>{renderScreen()}</LocalizationContext.Provider>;

  function renderScreen() {
    switch (screen.name) {
      case 'loading':
        return <LoadingSkeleton />;
      case 'unreachable':
        return (
          <MessageScreen {...messages.screens.unreachable}>
            <button type="button" class="button" onClick={() => void load()}>
              {messages.retry}
            </button>
          </MessageScreen>
        );
      case 'ended':
        return <MessageScreen {...messages.screens[screen.end]} />;
      case 'open':
        return <CheckoutForm session={screen.session} today={today} onSubmit={(body) => pay(screen.session, body)} />;
      case 'paid':
        return <SuccessScreen session={screen.session} onDone={() => loader.send(createMessage('close', {}))} />;
    }
  }
}
