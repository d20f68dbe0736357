import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './launchBrowser';
import { startStack, type Stack, type StackOptions } from './startStack';

export interface BrowserStack {
  stack: Stack;
  browser: Browser;
  /** A fresh browser context (its own storage) on the demo shop's page. */
  openShop(): Promise<Page>;
}

/**
 * Starts the servers and Chromium once for a test file, and stops them after it. `options` is read when they
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
  afterAll(async () => {
    await context.browser?.close();
    await context.stack?.stop();
  });
  return context;
}
