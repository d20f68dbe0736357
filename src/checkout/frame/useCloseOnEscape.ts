import { useEffect } from 'preact/hooks';
import { createMessage } from '../../protocol';
import type { LoaderLink } from './connectToLoader';

/**
 * Asks the loader to close on Escape. Keys pressed inside our frame never reach the merchant's page, so the loader
 * can't see them itself. `loader` is null in redirect display, where there is nothing to close.
 */
export function useCloseOnEscape(loader: LoaderLink | null): void {
  useEffect(() => {
    if (!loader) return;
    const onKeyDown = (event: KeyboardEvent) => {
      // isComposing: Escape cancels an IME composition; defaultPrevented: a widget inside used the key itself.
      if (event.key !== 'Escape' || event.isComposing || event.defaultPrevented) return;
      loader.send(createMessage('close', {}));
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [loader]);
}
