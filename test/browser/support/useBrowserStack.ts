import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchBrowser } from './launchBrowser';
import { startStack, type Stack, type StackOptions } from './startStack';

export interface BrowserStack {
  stack: Stack;
  browser: Browser;
  /** A fresh browser context (its own storage) on the demo shop's page. */
  openShop(): Promise<Page>;
}

/**
 * Starts the servers and Chromium once for a test file, and stops them after it; closes the browser contexts each
 * test opened when it ends. `options` is read when they
 * start, after the file's earlier `beforeAll`s (which may start what they name).
 */
export function useBrowserStack(options: () => StackOptions = () => ({})): BrowserStack {
  const context = {
    async openShop() {
      const page = await (await context.browser.newContext()).newPage();
      await page.goto(context.stack.shopUrl);
      return page;
    },
  } as BrowserStack;
  beforeAll(async () => {
    [context.stack, context.browser] = await Promise.all([startStack(options()), launchBrowser()]);
  });
  // A test's pages are closed when it ends, so no test runs beside the renderers of every test before it. Contexts
  // that outlive a test (opened in a `beforeAll`, shared by a describe block's tests) are left to the browser's close.
  let before: BrowserContext[] = [];
  beforeEach(() => {
    before = context.browser.contexts();
  });
  afterEach(async () => {
    await Promise.all(context.browser.contexts().filter((opened) => !before.includes(opened)).map((opened) => opened.close()));
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.stack?.stop();
  });
  return context;
}
