import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { event } from '../../src/protocol/api/events';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const webhooks = readme.slice(readme.indexOf('## Webhooks'), readme.indexOf('\n## ', readme.indexOf('## Webhooks') + 1));
const examples = [...webhooks.matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) => JSON.parse(match[1]!) as { type: string });

/** Issue 11: the README's webhooks are events as the contract describes them, so a reader is shown what arrives. */
describe('README Webhooks section', () => {
  it('shows an example of each event a checkout produces', () => {
    const types = ['checkout.completed', 'checkout.expired', 'connection.created', 'subscription.created', 'credits.purchased', 'payment.failed'];
    expect(examples.map((example) => example.type)).toStrictEqual(types);
  });

  it.each(examples.map((example) => [example.type, example] as const))('shows %s as the contract describes it', (_, example) => {
    const result = event.safeParse(example);
    expect(result.success, result.success ? '' : z.prettifyError(result.error)).toBe(true);
  });
});
