import { useLocalization } from '../i18n/useLocalization';

/**
 * Grey blocks the size of the form, so the card keeps its height when the session arrives instead of jumping; shown
 * only once loading has taken 300 ms (checkout.css), so a checkout that opens sooner never flashes it.
 * Screen readers hear the status text; the blocks are hidden from them. The page keeps its one heading while it
 * waits, so a screen reader's heading list is never empty.
 */
export function LoadingSkeleton() {
  const { messages } = useLocalization();
  return (
    <main class="card" aria-busy="true">
      <h1 class="visually-hidden">{messages.checkoutEyebrow}</h1>
      <p class="visually-hidden" role="status">
        {messages.loading}
      </p>
      <div class="skeleton" aria-hidden="true">
        <div class="skeleton__line skeleton__line--short" />
        <div class="skeleton__line skeleton__line--title" />
        <div class="skeleton__block skeleton__block--summary" />
        <div class="skeleton__block" />
        <div class="skeleton__block" />
        <div class="skeleton__block" />
        <div class="skeleton__block" />
        <div class="skeleton__block skeleton__block--button" />
        <div class="skeleton__line skeleton__line--note" />
      </div>
    </main>
  );
}
