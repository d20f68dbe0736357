import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, WebhookUrlRefusedError, type WebhookUrlPolicy } from '../../src/server/webhooks/checkWebhookUrl';

const dns: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  localhost: ['127.0.0.1', '::1'],
  'mixed.example': ['127.0.0.1', '93.184.216.34'],
  'metadata.example': ['169.254.169.254'],
  'empty.example': [],
};
const policy = (allowLoopback: boolean): WebhookUrlPolicy => ({
  allowLoopback,
  resolve: async (hostname) => {
    if (!(hostname in dns)) throw new Error('ENOTFOUND');
    return dns[hostname]!;
  },
});
const check = (url: string, allowLoopback = false) => checkWebhookUrl(new URL(url), policy(allowLoopback));

describe('checkWebhookUrl', () => {
  it('returns every address of a public https host, to connect to instead of the name', async () => {
    expect(await check('https://hooks.example.com/till')).toStrictEqual(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);
    expect(await check('https://[2606:2800:220:1:248:1893:25c8:1946]/till')).toStrictEqual(['2606:2800:220:1:248:1893:25c8:1946']);
  });

  it.each([
    ['http://hooks.example.com/', /https/],
    ['https://localhost:3000/', /loopback/],
    ['https://mixed.example/', /resolves to a loopback address/],
    ['https://metadata.example/', /resolves to a linkLocal address/],
    ['https://empty.example/', /does not resolve/],
    ['https://unknown.example/', /could not be resolved/],
    ['https://[::ffff:10.0.0.1]/', /a private address/],
    ['https://[::127.0.0.1]/', /a reserved address/],
    ['https://[::a9fe:a9fe]/', /a reserved address/],
    ['https://[100::1]/', /address/],
    ['https://2130706433/', /loopback/],
    ['https://0x7f.1/', /loopback/],
  ])('refuses %s in production', async (url, reason) => {
    await expect(check(url)).rejects.toThrow(WebhookUrlRefusedError);
    await expect(check(url)).rejects.toThrow(reason);
  });

  it('names the range a name resolves to, never the address: a refusal must not map the network', async () => {
    await expect(check('https://metadata.example/')).rejects.toThrow("'metadata.example' resolves to a linkLocal address");
    await expect(check('https://metadata.example/')).rejects.not.toThrow(/169\.254/);
  });

  it('allows loopback, over http too, in development, and nothing private beyond it', async () => {
    expect(await check('http://localhost:4000/webhooks', true)).toStrictEqual(['127.0.0.1', '::1']);
    expect(await check('http://[::1]:4000/webhooks', true)).toStrictEqual(['::1']);
    expect(await check('https://127.0.0.1/webhooks', true)).toStrictEqual(['127.0.0.1']);
    await expect(check('http://10.0.0.1/', true)).rejects.toThrow(/private/);
    await expect(check('http://mixed.example/', true)).rejects.toThrow(/loopback/);
    await expect(check('http://hooks.example.com/', true)).rejects.toThrow(/https/);
  });
});
