import { describe, expect, it } from 'vitest';

import { ProgressBar, progressLine } from '../../src/cli/progress-bar.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, write: (text: string) => writes.push(text) };
}

describe('progress bar', () => {
  it('shows step, bar, done/total, share, rate and time left', () => {
    expect(progressLine({ step: 'products', done: 1200, total: 5000 }, 5_000)).toBe(
      'products [######..................] 1,200/5,000 24% 240/s ETA 15.8 s',
    );
    expect(progressLine({ step: null, done: 300, total: null }, 2_000)).toBe('working 300 150/s');
  });

  it('redraws one terminal line at most ten times a second, then clears it', () => {
    let now = 0;
    const out = stream(true);
    const bar = new ProgressBar({ stream: out, now: () => now });
    bar.update({ step: 'products', done: 0, total: 100 });
    now = 50;
    bar.update({ step: 'products', done: 10, total: 100 });
    now = 120;
    bar.update({ step: 'products', done: 20, total: 100 });
    // A new step is shown at once.
    now = 130;
    bar.update({ step: 'images', done: 0, total: 10 });
    bar.finish();
    expect(out.writes).toHaveLength(4);
    expect(out.writes[1]).toMatch(/^\rproducts \[.*\] 20\/100 20%/);
    expect(out.writes[2]).toMatch(/^\rimages /);
    expect(out.writes[3]).toBe('\r\x1b[K');
  });

  it('writes plain lines to a log: on a new step, and every few seconds', () => {
    let now = 0;
    const out = stream(false);
    const bar = new ProgressBar({ stream: out, now: () => now });
    bar.update({ step: 'products', done: 0, total: 100 });
    now = 1_000;
    bar.update({ step: 'products', done: 10, total: 100 });
    now = 6_000;
    bar.update({ step: 'products', done: 60, total: 100 });
    bar.finish();
    expect(out.writes).toEqual([
      'products [........................] 0/100 0%\n',
      expect.stringMatching(/^products \[#+\.+\] 60\/100 60% 10\/s ETA 4\.0 s\n$/),
    ]);
  });
});
