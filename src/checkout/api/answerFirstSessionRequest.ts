import { SESSION_PATH } from './sessionRequestInit';

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * A fetch whose first call, when it is the app's `GET` of the session, is answered by the request the boot script
 * already sent (`early`); every other call, and every later one, is `fetchImpl`'s.
 */
export function answerFirstSessionRequest(early: Promise<Response>, fetchImpl: Fetch): Fetch {
  let waiting: Promise<Response> | null = early;
  return (input, init) => {
    const answer = waiting && input === SESSION_PATH && init.method === 'GET' ? waiting : fetchImpl(input, init);
    waiting = null;
    return answer;
  };
}
