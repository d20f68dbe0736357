import { useEffect } from 'preact/hooks';
import { createMessage } from '../../protocol';
import type { LoaderLink } from './connectToLoader';
import { observeHeight } from './observeHeight';

/**
 * Tells the loader the page's content height whenever it changes, so an inline checkout can grow and shrink
 * with it. The body is measured rather than the root element, whose scrollHeight never drops below the frame's.
 * `loader` is null when there is no loader to tell (redirect display).
 */
export function useReportHeight(loader: LoaderLink | null): void {
  useEffect(() => {
    if (!loader) return;
    return observeHeight(document.body, (height) => loader.send(createMessage('resize', { height })));
  }, [loader]);
}
