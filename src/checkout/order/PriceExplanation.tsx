import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { CheckoutSession } from '../api/CheckoutApi';
import { useLocalization } from '../i18n/useLocalization';
import { laterParts } from '../laterParts';
import type { LaterParts } from '../laterParts';

/**
 * A button beside the total that opens a popover explaining the estimate line by line. It follows the
 * disclosure and non-modal dialog patterns: aria-expanded and aria-controls on the button; focus moves into the
 * popover so it is read; Escape, a click outside, or the button again close it, and Escape gives focus back.
 */
export function PriceExplanation({ session }: { session: CheckoutSession }) {
  const { messages, locale } = useLocalization();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const id = useId();
  // The sentences, and what opening starts, come from the later parts' chunk, mostly in long before the button is
  // pressed; when not, the popover waits for them, unseen, and a failure says so in it, in the page's flow.
  const later = laterParts.current;
  const [settled, setSettled] = useState(false);

  useEffect(() => {
    if (!open) return;
    const button = buttonRef.current!;
    const popover = popoverRef.current!;
    let stop: (() => void) | undefined;
    let closed = false;
    const start = (parts: LaterParts) => (stop = parts.openExplanationPopover(button, popover, () => setOpen(false)));
    // At once when in, so a press right after opening already closes it.
    if (laterParts.current) start(laterParts.current);
    else {
      laterParts.load().then(
        (parts) => {
          if (closed) return;
          setSettled(true);
          start(parts);
        },
        () => {
          if (closed) return;
          setSettled(true);
          popover.dataset.placement = 'inline';
          popover.focus();
        },
      );
    }
    return () => {
      closed = true;
      stop?.();
      delete popover.dataset.placement;
    };
  }, [open]);

  function closeWithEscape(event: KeyboardEvent) {
    if (!open || event.key !== 'Escape' || event.isComposing) return;
    // Marks the key as used, so the checkout's own Escape (which closes the whole checkout) leaves it alone.
    event.preventDefault();
    setOpen(false);
    buttonRef.current?.focus();
  }

  return (
    <div class="explanation" onKeyDown={closeWithEscape}>
      <button
        type="button"
        ref={buttonRef}
        class="text-button explanation__button"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={id}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        {messages.breakdown.explain}
      </button>
      <div id={id} ref={popoverRef} class="popover" role="dialog" aria-labelledby={`${id}-heading`} tabIndex={-1} hidden={!open}>
        <h2 class="popover__heading" id={`${id}-heading`}>
          {messages.breakdown.explanationHeading}
        </h2>
        <ul class="popover__lines">
          {later
            ? later.explainEstimate(session, later.completeMessages(messages), locale).map((line) => <li key={line}>{line}</li>)
            : settled && <li>{messages.screens.unreachable.body}</li>}
        </ul>
      </div>
    </div>
  );
}
