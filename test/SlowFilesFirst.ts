import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order of projects: the unit project holds the longest files, the package project two long ones that run
 * beside the browser files (after them, they were the run's last 15 s, on one worker: 181 → 176 s), and the
 * component project a tail of short ones that fills both workers to the end. A project's files stay together, so that its workers, which the unit and
 * browser projects keep from file to file (`isolate: false`), are reused rather than started again.
 */
const PROJECTS = ['unit', 'package', 'browser', 'component-mocking', 'component'];

/**
 * The files that take longest, longest first: every file of 2 s or more in an idle run (2.7–21 s, issue 13). Started
 * last, any of them ran alone at the end of the run; started first, the short files fill in around them. Vitest orders
 * by the durations it recorded when a run left them, but a clean clone has none, and there it ordered by file size:
 * runs took 190–214 s against 153–172 s with durations recorded. A file missing from here only runs later.
 */
const SLOW_FILES = [
  'test/server/webhookDurability.test.ts',
  'test/server/queryPlans.test.ts',
  'test/server/cli.test.ts',
  'test/server/webhookDelivery.test.ts',
  'test/server/fuzzRequests.test.ts',
  'test/unit/server-store.test.ts',
  'test/server/listIndexes.test.ts',
  'test/server/compiledServer.test.ts',
  'test/server/renewalDurability.test.ts',
  'test/browser/checkoutAccessibility.test.ts',
  'test/browser/loader.test.ts',
  'test/browser/embedding.test.ts',
  'test/browser/payingThroughTheProcessor.test.ts',
  'test/browser/purchase.test.ts',
  'test/browser/payingThroughStripe.test.ts',
  'test/browser/checkoutKeyboardAndLayout.test.ts',
  'test/browser/sessionStates.test.ts',
  'test/browser/customerPath.test.ts',
  'test/browser/localization.test.ts',
  'test/package/nodeClient.test.ts',
  'test/package/package.test.ts',
];

const rank = (list: string[], item: string) => (list.includes(item) ? list.indexOf(item) : list.length);

/** Runs the slowest test files first, within projects taken in the order that packs the run best (issue 13). */
export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const path = (file: TestSpecification) => relative(this.ctx.config.root, file.moduleId);
    // Array.prototype.sort is stable: the base order (recorded durations, then size) decides among the rest.
    return (await super.sort(files)).sort(
      (a, b) => rank(PROJECTS, a.project.name) - rank(PROJECTS, b.project.name) || rank(SLOW_FILES, path(a)) - rank(SLOW_FILES, path(b)),
    );
  }
}
