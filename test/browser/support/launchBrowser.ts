import { chromium, type Browser } from 'playwright-core';

/**
 * The features Playwright (1.65) disables with its own `--disable-features`. Chromium keeps only the last of a repeated
 * switch, so the one below takes its place and must carry these on; launchBrowser.test.ts compares them with what
 * Playwright passes, and fails when an upgrade changes its list.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Playwright's, and the spare renderer: a renderer process Chromium starts ahead of the next navigation. Each test's
 * fresh context closed with its spare unused, half the renderers the suite started (63 → 32 over two files); the
 * browser project's Chromium took 159–166 CPU-s against 186 (issue 13). A navigation waits for its process to start
 * instead, which changes when a frame loads, never what it does.
 */
const DISABLED_FEATURES = [...PLAYWRIGHT_DISABLED_FEATURES, 'SpareRendererForSitePerProcess'];

/**
 * Debian's Chromium: browser downloads fail on these machines, so a system build is the one we drive. By default
 * its headless shell (the package chromium-headless-shell), the build Playwright itself runs headless tests on: the
 * same Blink and V8 as /usr/bin/chromium without the desktop browser around them, whose browser process took 2.5 ×
 * the CPU over a test file. `CHROMIUM_PATH` picks another build, /usr/bin/chromium included.
 */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';

/** Chromium for a test file; `extraArgs` go after the switches below. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    ignoreDefaultArgs: [`--disable-features=${PLAYWRIGHT_DISABLED_FEATURES.join(',')}`],
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
      // Playwright's and ours, in place of Playwright's switch (see DISABLED_FEATURES).
      `--disable-features=${DISABLED_FEATURES.join(',')}`,
      ...extraArgs,
    ],
  });
}
