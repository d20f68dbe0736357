import { chromium, type Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { CHROMIUM_EXECUTABLE, launchBrowser } from './support/launchBrowser';

/** The switches a browser runs with, as it read them: the DevTools protocol tells them when --enable-automation is one. */
async function disabledFeaturesOf(browser: Browser): Promise<string[][]> {
  const session = await browser.newBrowserCDPSession();
  const { arguments: switches } = (await session.send('Browser.getBrowserCommandLine')) as { arguments: string[] };
  return switches.filter((name) => name.startsWith('--disable-features=')).map((name) => name.split('=')[1]!.split(','));
}

// Chromium keeps only the last of a repeated switch: the tests' --disable-features must replace Playwright's, not drop it.
it('runs Chromium with every feature Playwright disables, and without spare renderers, in one --disable-features', async () => {
  const [plain, tests] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: ['--enable-automation'] }),
    launchBrowser(['--enable-automation']),
  ]);
  try {
    const [playwrights] = await disabledFeaturesOf(plain);
    expect(playwrights?.length).toBeGreaterThan(0);
    const switches = await disabledFeaturesOf(tests);
    expect(switches).toHaveLength(1);
    expect(switches[0]).toEqual(expect.arrayContaining([...playwrights!, 'SpareRendererForSitePerProcess']));
  } finally {
    await Promise.all([plain.close(), tests.close()]);
  }
});
