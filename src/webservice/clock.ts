/**
 * Time as the client sees it. Injected so that tests never sleep: a test clock can resolve
 * `sleep` at once and record the delays the client asked for.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` (the pause between two attempts of a request). */
  sleep(ms: number): Promise<void>;
  /** Calls `callback` after `ms` unless cancelled (request timeouts); returns the cancel function. */
  setTimer(callback: () => void, ms: number): () => void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  setTimer: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};
