import type { Messages } from '../i18n/messages';

/** The customer's sentence for the server's `decline_code`; an unknown or missing one reads as a plain decline. */
export function declineMessage(declineCode: string | null, messages: Messages): string {
  const { declines } = messages;
  return declineCode !== null && Object.hasOwn(declines, declineCode)
    ? declines[declineCode as keyof typeof declines]
    : declines.card_declined;
}
