import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium: browser downloads fail on these machines, so the system build is the one we drive. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Look-alike hosts for the origin tests: every *.test name is this machine, so a checkout page can be
      // served from a host that is not the one in the token.
      '--host-resolver-rules=MAP *.test 127.0.0.1',
      // The checkout server also answers over https with a self-signed certificate (listenBothSchemes).
      '--ignore-certificate-errors',
    ],
  });
}
