import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order of projects: the unit project holds the longest files, and the component project a tail of short ones
 * that fills both workers to the end. A project's files stay together, so that its workers, which the unit and
 * browser projects keep from file to file (`isolate: false`), are reused rather than started again.
 */
const PROJECTS = ['unit', 'browser', 'package', 'component'];

/**
 * The files that take longest, longest first (seconds on two busy cores, issue 13). Started last, any of them ran
 * alone at the end of the run; started first, the short files fill in around them. Vitest orders by the durations
 * it recorded when a run left them (not on a clean clone); a file missing from here only runs later.
 */
const SLOW_FILES = [
  'test/server/queryPlans.test.ts',
  'test/server/webhookDurability.test.ts',
  'test/server/cli.test.ts',
  'test/server/fuzzRequests.test.ts',
  'test/server/compiledServer.test.ts',
  'test/server/webhookDelivery.test.ts',
  'test/unit/server-store.test.ts',
  'test/browser/checkoutAccessibility.test.ts',
  'test/browser/payingThroughTheProcessor.test.ts',
  'test/browser/embedding.test.ts',
  'test/browser/loader.test.ts',
  'test/browser/purchase.test.ts',
  'test/package/nodeClient.test.ts',
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
