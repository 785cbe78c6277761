import { escapeTerminal, rawStream } from './terminal-text.js';
import { formatCount, formatDuration } from './value-format.js';

export interface ProgressState {
  readonly step: string | null;
  readonly done: number;
  readonly total: number | null;
}

export interface ProgressBarOptions {
  readonly stream: { write(text: string): unknown; isTTY?: boolean };
  /** Milliseconds; injected by tests. */
  readonly now?: () => number;
}

const REDRAW_MS = 100;
const PLAIN_LINE_MS = 5_000;
const WIDTH = 24;

/**
 * A run's progress on stderr: on a terminal one line redrawn at most ten times a second (step, bar,
 * done/total, rate, ETA); elsewhere (a log, a pipe) a plain line when the step changes and every
 * few seconds.
 */
export class ProgressBar {
  readonly #stream: ProgressBarOptions['stream'];
  readonly #now: () => number;
  readonly #started: number;
  #lastDraw = -Infinity;
  #lastStep: string | null | undefined;
  #drawn = false;

  constructor(options: ProgressBarOptions) {
    // Its own carriage return and erase-line must reach the terminal: the text between is escaped here.
    this.#stream = rawStream(options.stream);
    this.#now = options.now ?? Date.now;
    this.#started = this.#now();
  }

  update(state: ProgressState): void {
    const now = this.#now();
    const stepChanged = state.step !== this.#lastStep;
    const wait = this.#stream.isTTY ? REDRAW_MS : PLAIN_LINE_MS;
    if (!stepChanged && now - this.#lastDraw < wait) return;
    this.#lastDraw = now;
    this.#lastStep = state.step;
    const line = escapeTerminal(progressLine(state, now - this.#started));
    if (this.#stream.isTTY) {
      this.#stream.write(`\r${line}\x1b[K`);
      this.#drawn = true;
    } else {
      this.#stream.write(`${line}\n`);
    }
  }

  /** Clears the terminal line so that what follows starts clean. */
  finish(): void {
    if (this.#drawn) this.#stream.write('\r\x1b[K');
    this.#drawn = false;
  }
}

/** `products [#########.......] 1,200/5,000 24% 240/s ETA 16 s` */
export function progressLine(state: ProgressState, elapsedMs: number): string {
  const parts = [state.step ?? 'working'];
  const rate = elapsedMs > 0 ? (state.done * 1000) / elapsedMs : 0;
  if (state.total !== null && state.total > 0) {
    const share = Math.min(1, state.done / state.total);
    const filled = Math.round(share * WIDTH);
    parts.push(`[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`);
    parts.push(`${formatCount(state.done)}/${formatCount(state.total)}`, `${Math.floor(share * 100)}%`);
  } else {
    parts.push(formatCount(state.done));
  }
  if (rate > 0) parts.push(`${formatCount(Math.round(rate))}/s`);
  if (state.total !== null && rate > 0 && state.done < state.total)
    parts.push(`ETA ${formatDuration(((state.total - state.done) / rate) * 1000)}`);
  return parts.join(' ');
}
