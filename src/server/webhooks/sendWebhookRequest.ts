import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIPv6 } from 'node:net';

export interface WebhookRequest {
  url: URL;
  /** The addresses checked by `checkWebhookUrl`: the connection goes to one of these and nowhere else. */
  addresses: string[];
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

export interface WebhookResponse {
  status: number;
  /** At most the first 1,024 bytes, as text. */
  body: string;
}

/** Sends one webhook and reads its answer; injectable, so tests can refuse any address but loopback. */
export type WebhookConnector = (request: WebhookRequest) => Promise<WebhookResponse>;

const MAX_BODY_BYTES = 1024;

/**
 * POSTs to the checked addresses while the request keeps the URL's host name (Host header, TLS server name and
 * certificate check), by answering Node's own DNS lookup with them. Given all of them, Node tries each in turn
 * (autoSelectFamily), so a receiver listening on 127.0.0.1 alone is reached even where `localhost` lists ::1 first.
 * Redirects are not followed: a 3xx is a
 * failed attempt, as a redirect could lead anywhere.
 */
export const sendWebhookRequest: WebhookConnector = ({ url, addresses, headers, body, signal }) =>
  new Promise((resolve, reject) => {
    const entries = addresses.map((address) => ({ address, family: isIPv6(address) ? 6 : 4 }));
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
      // A fresh connection each time: a pooled socket was opened by someone else's lookup, not the checked addresses.
      agent: false,
      signal,
      // Node asks for every address when it races families (autoSelectFamily): answer in the shape asked for.
      lookup: (_hostname, options, callback) =>
        (options as { all?: boolean }).all
          ? callback(null, entries as never, 0)
          : callback(null, entries[0]!.address, entries[0]!.family),
    });
    request.once('error', reject);
    request.once('response', (response) => readStart(response).then((text) => resolve({ status: response.statusCode!, body: text }), reject));
    request.end(body);
  });

/** Reads the first 1 KB of a response and drops the rest; a cut in the middle of a character is left out. */
async function readStart(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= MAX_BODY_BYTES) break;
  }
  response.destroy();
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES), { stream: true });
}
