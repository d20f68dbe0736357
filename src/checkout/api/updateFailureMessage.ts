import type { FirstMessages } from '../i18n/messages';
import { laterParts } from '../laterParts';

/**
 * What to tell the customer about a change (country, plan, seats, a promotion code) the server did not make: its
 * refusal in their words, worded by the later parts (`humanErrorMessage`), which are mostly in before a change has
 * its answer; without them, that the checkout could not be updated.
 */
export function updateFailureMessage(error: unknown, messages: FirstMessages): Promise<string> {
  return laterParts.load().then(
    (later) => later.humanErrorMessage(error, messages.updateFailed, later.completeMessages(messages)),
    () => messages.updateFailed,
  );
}
