import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium: browser downloads fail on these machines, so a system build is the one we drive. By default
 * its headless shell (the package chromium-headless-shell), the build Playwright itself runs headless tests on: the
 * same Blink and V8 as /usr/bin/chromium without the desktop browser around them, whose browser process took 2.5 ×
 * the CPU over a test file. `CHROMIUM_PATH` picks another build, /usr/bin/chromium included.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // A frame of another site in a process of its own, as desktop Chrome does: the headless shell would otherwise
      // keep the checkout frame in its merchant page's process, and the tests are about what crosses between them.
      '--site-per-process',
      // Look-alike hosts for the origin tests: every *.test name is this machine, so a checkout page can be
      // served from a host that is not the one in the token.
      '--host-resolver-rules=MAP *.test 127.0.0.1',
      // The checkout server also answers over https with a self-signed certificate (listenBothSchemes).
      '--ignore-certificate-errors',
    ],
  });
}
