import { englishFormExtrasMessages } from './englishFormExtrasMessages';
import { messages as englishFirst } from './messages';
import type { FirstMessages, FormExtrasMessages } from './messages';

/**
 * A localization's words for the form's extras, for the extras' components. Every catalog holds them as loaded
 * (`localeCatalogs`) but English's first messages, whose extras' words are in the extras' chunk.
 */
export function formExtrasMessages(messages: FirstMessages): FormExtrasMessages {
  return messages === englishFirst ? englishFormExtrasMessages : (messages as FirstMessages & FormExtrasMessages);
}
