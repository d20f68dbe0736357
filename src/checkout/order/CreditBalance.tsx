import type { CheckoutSession } from '../api/CheckoutApi';
import { formatCredits } from '../format/formatCredits';
import { formExtrasMessages } from '../i18n/formExtrasMessages';
import { useLocalization } from '../i18n/useLocalization';

/** A returning customer buying credits: their balance now and once this bundle is added. */
export function CreditBalance({ session }: { session: CheckoutSession }) {
  const { messages, locale } = useLocalization();
  const extras = formExtrasMessages(messages);
  const { credit_balance: now, credit_balance_after: after } = session;
  if (now === null || after === null) return null;
  return (
    <dl class="breakdown__lines breakdown__lines--credits">
      <div class="breakdown__line">
        <dt>{extras.creditBalance.now}</dt>
        <dd>{formatCredits(now, locale)}</dd>
      </div>
      <div class="breakdown__line">
        <dt>{extras.creditBalance.after}</dt>
        <dd>{formatCredits(after, locale)}</dd>
      </div>
    </dl>
  );
}
