import { readFileSync } from 'node:fs';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { LoadingSkeleton } from '../../src/checkout/screens/LoadingSkeleton';

describe('index.html', () => {
  // The page shows the skeleton before any script runs; the app then renders the same one while it loads.
  it('holds the loading skeleton exactly as the app renders it, in English', () => {
    const app = /<div id="app">(.*)<\/div>\s*<script/s.exec(readFileSync('index.html', 'utf8'))?.[1];
    expect(app).toBe(renderToString(<LoadingSkeleton />));
  });
});
