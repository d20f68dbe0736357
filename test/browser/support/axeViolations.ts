import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core finds wrong in `frame`, as "rule: target" lines. axe is evaluated through the DevTools protocol,
 * which the checkout page's CSP (no inline script but the boot script, by its hash) does not govern, so the page is
 * audited as customers get it.
 */
export async function axeViolations(frame: Frame): Promise<string[]> {
  await frame.evaluate(AXE);
  const violations: { id: string; nodes: { target: string[] }[] }[] = await frame.evaluate(
    async () => (await (window as any).axe.run(document)).violations,
  );
  return violations.flatMap(({ id, nodes }) => nodes.map((node) => `${id}: ${node.target.join(' ')}`));
}
