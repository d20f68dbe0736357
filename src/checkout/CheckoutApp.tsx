import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { createMessage } from '../protocol';
import type { CheckoutAppearance, CheckoutStep, CheckoutToLoaderMessage } from '../protocol';
import type { CheckoutApi, CheckoutSession, CheckoutSessionUpdate, PaymentAttempt } from './api/CheckoutApi';
import { CheckoutApiError, CheckoutApiErrorCode } from './api/CheckoutApiError';
import { browserColors } from './appearance/browserColors';
import type { ColorEngine } from './appearance/browserColors';
import { useAppearance } from './appearance/useAppearance';
import type { Payer, Waiting } from './createPayer';
import { CheckoutForm } from './form/CheckoutForm';
import { formExtras, needsFormExtras } from './form/formExtras';
import type { CheckoutLink } from './frame/CheckoutLink';
import { CloseButton } from './frame/CloseButton';
import { useCloseOnEscape } from './frame/useCloseOnEscape';
import { useReportHeight } from './frame/useReportHeight';
import { useTrapFocus } from './frame/useTrapFocus';
import { preformatted } from './format/preformatted';
import { chooseLocale } from './i18n/chooseLocale';
import { loadLocalization } from './i18n/loadLocalization';
import type { FirstMessages } from './i18n/messages';
import { useDocumentLocale } from './i18n/useDocumentLocale';
import { defaultLocalization, LocalizationContext } from './i18n/useLocalization';
import type { Localization } from './i18n/useLocalization';
import { laterParts } from './laterParts';
import { LoadingSkeleton } from './screens/LoadingSkeleton';
import { MessageScreen } from './screens/MessageScreen';
import { failureCodeForSessionEnd, sessionEndForError, sessionEndForStatus } from './screens/sessionEnd';
import type { SessionEnd } from './screens/sessionEnd';

/** How long redirect display shows the success screen before going back to the merchant on its own. */
export const RETURN_AFTER_SUCCESS_MS = 3000;

const NO_APPEARANCE: CheckoutAppearance = {};
const NO_LOCALES: readonly string[] = [];

export interface CheckoutAppProps {
  api: CheckoutApi;
  /** The loader, when framed; the merchant's URLs, in redirect display. */
  link: CheckoutLink;
  /** From the page's meta tag, so failures can name the session even when the API can't find it. */
  checkoutSessionId: string;
  /** The merchant's theme, accent colour and locale, from the loader's `init` (or the URL, in redirect display). */
  appearance?: CheckoutAppearance;
  /** `navigator.languages`: the customer's own choice, after the merchant's option and the session's locale. */
  browserLocales?: readonly string[];
  /** Decides whether a card has expired; injectable so tests don't depend on the calendar. */
  today?: () => Date;
  /** Checks and reads the accent colour; defaults to the browser's CSS engine. */
  colors?: ColorEngine;
  /** The first load (`loadFirst`), when it was made before the app rendered: the app starts on the screen it leads to. */
  first?: FirstLoad;
}

/** What the first screen needs: the session (or why there is none), its language, and the form's extras. */
export interface FirstLoad {
  session: CheckoutSession | null;
  /** Why there is no session. */
  failure?: unknown;
  localization: Localization;
  /** False when the form's extras, which this session shows, did not arrive. */
  extrasLoaded: boolean;
}

/**
 * Asks for the session, then loads its language and, when the session shows any, the form's extras beside it. Never
 * rejects: a failure is the first screen's to show.
 */
export async function loadFirst(api: CheckoutApi, locale: string | undefined, browserLocales: readonly string[]): Promise<FirstLoad> {
  let session: CheckoutSession | null = null;
  let failure: unknown;
  try {
    session = await api.getSession();
    Object.assign(preformatted, session.formats);
  } catch (error) {
    failure = error;
  }
  const [localization, extrasLoaded] = await Promise.all([
    loadLocalization(chooseLocale([locale, session?.locale, ...browserLocales])),
    session && needsFormExtras(session) ? formExtras.load().then(() => true, () => false) : true,
  ]);
  return { session, failure, localization, extrasLoaded };
}

/** The screen the first load leads to. */
function firstScreen({ session, failure, extrasLoaded }: FirstLoad): Screen {
  if (!session) {
    const end = sessionEndForError(failure);
    return end ? { name: 'ended', end, session: null } : { name: 'unreachable' };
  }
  const end = sessionEndForStatus(session.status);
  if (end) return { name: 'ended', end, session };
  // Reopened while its payment settles.
  if (session.status === 'processing') return { name: 'confirming', session };
  // Without its extras the form would be missing a part it must show: Retry fetches them again.
  return extrasLoaded ? { name: 'open', session } : { name: 'unreachable' };
}

export type Screen =
  | { name: 'loading' }
  | { name: 'unreachable' }
  /** `session` is null when it could never be read (not found), so there is nowhere to return to. */
  | { name: 'ended'; end: SessionEnd; session: CheckoutSession | null }
  /** `alert`: what the form says first, as when a payment the customer waited on was declined as it settled. */
  | { name: 'open'; session: CheckoutSession; alert?: string }
  /** Reopened while its payment settles: the customer waits for its end, which then shows. */
  | { name: 'confirming'; session: CheckoutSession }
  | { name: 'paid'; session: CheckoutSession };

/** Loads the session, takes the payment and tells the loader, or the merchant's URLs, how it went. */
export function CheckoutApp({
  api,
  link,
  checkoutSessionId,
  appearance = NO_APPEARANCE,
  browserLocales = NO_LOCALES,
  today = () => new Date(),
  colors = browserColors,
  first,
}: CheckoutAppProps) {
  const [screen, setScreen] = useState<Screen>(() => (first ? firstScreen(first) : { name: 'loading' }));
  // Null until the session (which may name a locale) is read and that locale's messages are in: until then the
  // skeleton stays, so the customer never sees English flash by before their language.
  const [localization, setLocalization] = useState<Localization | null>(first?.localization ?? null);
  const [updating, setUpdating] = useState(false);
  // The customer's changes go to the server one after another (see `update`).
  const updates = useRef({ queue: Promise.resolve() as Promise<unknown>, pending: 0 }).current;
  // Made by the first payment, from the later parts' chunk; it keeps what makes a retry the same attempt.
  const payer = useRef<Payer | null>(null);
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const mounted = useRef(true);
  // Whether the form is on screen, as last rendered: a change answered once it has gone (paid, ended, settling) is
  // moot, and the 409 of one queued behind it must not tell the loader a second outcome.
  const formShown = useRef(false);
  formShown.current = screen.name === 'open';
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const loader = link.mode === 'framed' ? link : null;
  const shownSession = screen.name === 'loading' || screen.name === 'unreachable' ? null : screen.session;
  useDocumentLocale(localization?.locale, localization?.messages.documentTitle(shownSession?.merchant_name ?? null));
  useAppearance(appearance, colors);
  useCloseOnEscape(loader);
  useReportHeight(loader);
  const modal = !!loader?.modal;
  useTrapFocus(modal);

  const send = useCallback((message: CheckoutToLoaderMessage) => loader?.send(message), [loader]);
  const sendStep = useCallback((step: CheckoutStep) => send(createMessage('step', { step })), [send]);

  /** Tells the loader that the session has ended, and why. */
  const reportEnd = useCallback(
    (end: SessionEnd, messages: FirstMessages) => {
      // The step goes first, here and on success: a loader that closes on the outcome must not still think a
      // payment is processing.
      sendStep('ended');
      send(createMessage('failure', { checkoutSessionId, code: failureCodeForSessionEnd[end], message: messages.screens[end].body }));
    },
    [send, sendStep, checkoutSessionId],
  );

  const endSession = useCallback(
    (end: SessionEnd, session: CheckoutSession | null, messages: FirstMessages) => {
      reportEnd(end, messages);
      setScreen({ name: 'ended', end, session });
    },
    [reportEnd],
  );

  /** Shows the screen the first load leads to, unless the first render already did, and tells the loader. */
  function arrive(loaded: FirstLoad, rendered: boolean) {
    const next = firstScreen(loaded);
    if (!rendered) {
      setLocalization(loaded.localization);
      setScreen(next);
    }
    if (next.name === 'ended') reportEnd(next.end, loaded.localization.messages);
    if (next.name === 'confirming') {
      announcePending(next.session);
      // Once the payment has settled, the customer sees how it ended. The loader heard `pending`, the one outcome of
      // its open; the merchant's server hears the end by webhook.
      laterParts
        .load()
        .then((later) => later.screenAfterSettling(api, loaded.localization.messages, mounted))
        .catch((): Screen => ({ name: 'unreachable' }))
        .then((settled) => {
          if (!mounted.current) return;
          if (settled.name === 'open') sendStep('payment');
          setScreen(settled);
        });
    }
    if (next.name === 'open') {
      send(createMessage('ready', { checkoutSessionId, checkoutMode: next.session.checkout_mode }));
      sendStep('payment');
      // After the form has rendered: fetched while the customer types, so Pay seldom waits for it (see `pay`).
      setTimeout(() => laterParts.load().catch(() => undefined));
    }
  }

  const load = useCallback(async () => {
    setScreen({ name: 'loading' });
    const loaded = await loadFirst(api, appearance.locale, browserLocales);
    if (mounted.current) arrive(loaded, false);
  }, [api, send, sendStep, checkoutSessionId, reportEnd, appearance.locale, browserLocales]);

  // Given the first load, the first render showed its screen: the loader hears of it once that is on the page.
  const firstLoad = useRef(first);
  useEffect(() => {
    const loaded = firstLoad.current;
    firstLoad.current = undefined;
    if (loaded) arrive(loaded, true);
    else void load();
  }, [load]);

  // The screen stays `loading` until the localization is in, so English shows only in the close button's label,
  // which stays the same element (and keeps its focus) when the language arrives.
  /**
   * The payment settles later: the loader hears `pending` and may close (the merchant's server learns the outcome
   * by webhook), and redirect display goes to the session's `pending_url` when it has one.
   */
  function announcePending(session: CheckoutSession) {
    sendStep('ended');
    send(createMessage('pending', { checkoutSessionId }));
    if (session.pending_url) returnTo(session.pending_url);
  }

  const shownLocalization = localization ?? defaultLocalization;
  const { messages } = shownLocalization;

  async function pay(session: CheckoutSession, attempt: PaymentAttempt) {
    sendStep('processing');
    try {
      // Before the card goes anywhere: a payment must be able to show how it went. Failing, it is a request that
      // got no answer, which the customer may retry. Mostly in already, and then not awaited: Pay acts at once.
      const later =
        laterParts.current ??
        (await laterParts.load().catch(() => {
          throw new CheckoutApiError(0, CheckoutApiErrorCode.NETWORK_ERROR, 'The parts of the checkout after its form did not load');
        }));
      payer.current ??= later.createPayer(api);
      const completed = await payer.current.pay(attempt, {
        session,
        messages: later.completeMessages(messages),
        wait: setWaiting,
        announcePending: () => announcePending(session),
      });
      sendStep('success');
      send(
        createMessage('success', {
          checkoutSessionId,
          connectionId: completed.connection_id,
          checkoutMode: completed.checkout_mode,
          subscriptionId: completed.subscription_id,
          creditsAdded: completed.credits_added,
        }),
      );
      setScreen({ name: 'paid', session });
    } catch (error) {
      const end = sessionEndForError(error);
      if (end) return endSession(end, session, messages);
      sendStep('payment');
      // Beside the form's alert, the new total: the customer pays it only by pressing Pay again.
      if ((error as CheckoutApiError).code === CheckoutApiErrorCode.TOTAL_CHANGED) await update(session, {}).catch(() => undefined);
      throw error; // the form shows it and the customer can try again
    }
  }

  /**
   * The customer's choices go to the server, which answers with the new prices; errors go back to the field.
   * Changes are sent one after another, so the server applies them in the order they were made and the last
   * answer shown is the session it will charge (two countries picked quickly could otherwise be answered, and
   * stored, in either order). Pay stays disabled until every change has its answer.
   */
  async function update(session: CheckoutSession, changes: CheckoutSessionUpdate) {
    // Sent at once when nothing is on its way, else after the change before it has its answer.
    const request = updates.pending++ ? updates.queue.catch(() => undefined).then(() => api.update(changes)) : api.update(changes);
    updates.queue = request;
    setUpdating(true);
    try {
      const updated = await request;
      // A change can bring a part the session did not show before: a failure is shown as the change's.
      if (needsFormExtras(updated)) await formExtras.load();
      if (!mounted.current || !formShown.current) return;
      // A payment that waited for the bank, answered meanwhile: the change found the session paid, or settling, and
      // leads where reopening the checkout would, not back to its form.
      if (updated.status === 'open') setScreen({ name: 'open', session: updated });
      else arrive({ session: updated, localization: shownLocalization, extrasLoaded: true }, false);
    } catch (error) {
      if (!formShown.current) return;
      const end = sessionEndForError(error);
      if (end) return endSession(end, session, messages);
      throw error;
    } finally {
      if (--updates.pending === 0 && mounted.current) setUpdating(false);
    }
  }

  const returnTo = (url: string) => link.mode === 'redirect' && link.returnTo(url, checkoutSessionId);

  // Loaded by `pay` before it can set `waiting` or the paid screen.
  const later = laterParts.current;
  return (
    <LocalizationContext.Provider value={shownLocalization}>
      {modal && <CloseButton onClose={() => send(createMessage('close', {}))} />}
      <div class="screen" inert={waiting !== null}>
        {renderScreen()}
      </div>
      {waiting?.name === 'challenge' && later && <later.ChallengeFrame url={waiting.url} onAnswered={waiting.answered} />}
      {waiting?.name === 'confirming' && later && <later.ConfirmingPayment />}
    </LocalizationContext.Provider>
  );

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
      case 'ended': {
        const { session } = screen;
        return (
          <MessageScreen {...messages.screens[screen.end]}>
            {link.mode === 'redirect' && session && (
              <button type="button" class="button" onClick={() => returnTo(session.cancel_url)}>
                {messages.returnTo(session.merchant_name)}
              </button>
            )}
          </MessageScreen>
        );
      }
      case 'open': {
        const { session } = screen;
        return (
          <CheckoutForm
            session={session}
            alert={screen.alert}
            today={today}
            onSubmit={(body) => pay(session, body)}
            onUpdate={(changes) => update(session, changes)}
            updating={updating}
            onCancel={link.mode === 'redirect' ? () => returnTo(session.cancel_url) : undefined}
          />
        );
      }
      case 'confirming':
        return <MessageScreen heading={messages.processing} body={messages.confirming} />;
      case 'paid': {
        const { session } = screen;
        if (!later) return null;
        return link.mode === 'redirect' ? (
          <later.SuccessScreen session={session} onDone={() => returnTo(session.success_url)} doneAfterMs={RETURN_AFTER_SUCCESS_MS} />
        ) : (
          <later.SuccessScreen session={session} onDone={() => send(createMessage('close', {}))} />
        );
      }
    }
  }
}
