import type { ComponentChildren } from 'preact';
import { useFocusOnMount } from './useFocusOnMount';

interface MessageScreenProps {
  heading: string;
  body: string;
  /** A button or two under the text, e.g. Retry. */
  children?: ComponentChildren;
}

/** A full-card message for every state in which there is no form: expired, not found, unreachable, not framed. */
export function MessageScreen({ heading, body, children }: MessageScreenProps) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <main class="card card--message">
      <h1 class="card__title" tabIndex={-1} ref={headingRef}>
        {heading}
      </h1>
      <p class="card__text">{body}</p>
      {children && <div class="card__actions">{children}</div>}
    </main>
  );
}
