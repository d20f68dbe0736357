import { englishLaterMessages } from './englishLaterMessages';
import { messages as englishFirst } from './messages';
import type { FirstMessages, Messages } from './messages';

/** Every English sentence, once the later parts' chunk is in. */
export const englishMessages: Messages = { ...englishFirst, ...englishLaterMessages };

/**
 * A localization's messages whole, for the later parts. Every catalog is whole as loaded (`localeCatalogs`) but
 * English's first messages, whose later groups are in this chunk.
 */
export function completeMessages(messages: FirstMessages): Messages {
  return messages === englishFirst ? englishMessages : (messages as Messages);
}
