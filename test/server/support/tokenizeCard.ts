type Request = (path: string, init: RequestInit) => Response | Promise<Response>;

/**
 * A complete body as the checkout app sends it: the `card` goes to the test processor's tokenization (`request`
 * is an app's `request`, or `fetch` on a server), and only the payment method id it answers with is kept.
 */
export async function tokenizeCard(request: Request, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (!('card' in body)) return body;
  const { card, ...rest } = body;
  const response = await request('/test-processor/payment_methods', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ card }),
  });
  if (response.status !== 200) throw new Error(`the test processor refused the card: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  return { ...rest, payment_method: id };
}
