import { afterEach, expect, it } from 'vitest';

import { type JobRunner, laneConcurrency } from '../../src/jobs/index.js';
import { describeEachRunner, gate, nextFinished } from '../support/job-runners.js';

/**
 * The battery every job runner passes: the embedded runner and the pg-boss runner behave alike for
 * everything the hub relies on — each job run once with its data, one waiting job per key,
 * priorities, the concurrency limit, failures reported without stopping the queue, depths per queue
 * and per store, and a stop that waits for running jobs.
 */
describeEachRunner('job runner battery', (under) => {
  const runners: JobRunner[] = [];
  const make = (options: { concurrency?: number } = {}): JobRunner => {
    const runner = under.create(options);
    runners.push(runner);
    return runner;
  };
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });

  it('runs every job once, with its data', async () => {
    const runner = make();
    const seen: unknown[] = [];
    runner.define<{ n: number }>('battery-basic', {
      handler: async (data) => {
        seen.push(data.n);
        return Promise.resolve();
      },
    });
    await runner.start();
    const finished = nextFinished(runner, 5);
    for (let n = 1; n <= 5; n += 1) await runner.enqueue('battery-basic', { n });
    await finished;
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps one waiting job per key: a second one is dropped until the first has started', async () => {
    const runner = make();
    const held = gate();
    const ran: string[] = [];
    runner.define<{ name: string }>('battery-keys', {
      concurrency: 1,
      handler: async (data) => {
        ran.push(String(data.name));
        if (data.name === 'blocker') await held.promise;
      },
    });
    await runner.start();
    const started = new Promise<void>((resolve) => runner.once('job-started', () => resolve()));
    await runner.enqueue('battery-keys', { name: 'blocker' });
    await started;
    expect(await runner.enqueue('battery-keys', { name: 'first' }, { key: 'store:1/import-orders' })).toBe(
      true,
    );
    expect(await runner.enqueue('battery-keys', { name: 'second' }, { key: 'store:1/import-orders' })).toBe(
      false,
    );
    expect(await runner.enqueue('battery-keys', { name: 'other' }, { key: 'store:2/import-orders' })).toBe(
      true,
    );
    const finished = nextFinished(runner, 3);
    held.open();
    await finished;
    expect(ran.sort()).toEqual(['blocker', 'first', 'other']);
    // Once its job has run, the key takes a new one.
    const again = nextFinished(runner, 1);
    expect(await runner.enqueue('battery-keys', { name: 'third' }, { key: 'store:1/import-orders' })).toBe(
      true,
    );
    await again;
    expect(ran).toContain('third');
  });

  it('runs waiting jobs by priority, higher first', async () => {
    const runner = make();
    const held = gate();
    const order: string[] = [];
    runner.define<{ name: string }>('battery-priority', {
      concurrency: 1,
      handler: async (data) => {
        if (data.name === 'blocker') return held.promise;
        order.push(String(data.name));
        return Promise.resolve();
      },
    });
    await runner.start();
    const started = new Promise<void>((resolve) => runner.once('job-started', () => resolve()));
    await runner.enqueue('battery-priority', { name: 'blocker' });
    await started;
    await runner.enqueue('battery-priority', { name: 'catalog sweep' }, { priority: 0 });
    await runner.enqueue('battery-priority', { name: 'outbox' }, { priority: 30 });
    await runner.enqueue('battery-priority', { name: 'order import' }, { priority: 20 });
    const finished = nextFinished(runner, 4);
    held.open();
    await finished;
    expect(order).toEqual(['outbox', 'order import', 'catalog sweep']);
  });

  it('never runs more jobs of a queue at once than its concurrency', async () => {
    const runner = make({ concurrency: 2 });
    let running = 0;
    let most = 0;
    const held = gate();
    runner.define('battery-concurrency', {
      handler: async () => {
        running += 1;
        most = Math.max(most, running);
        await held.promise;
        running -= 1;
      },
    });
    await runner.start();
    const twoStarted = new Promise<void>((resolve) => {
      let count = 0;
      const listener = (): void => {
        count += 1;
        if (count === 2) {
          runner.off('job-started', listener);
          resolve();
        }
      };
      runner.on('job-started', listener);
    });
    const finished = nextFinished(runner, 6);
    for (let n = 0; n < 6; n += 1) await runner.enqueue('battery-concurrency', { n });
    await twoStarted;
    expect(runner.active).toHaveLength(2);
    held.open();
    await finished;
    expect(most).toBe(2);
  });

  it('shares a group’s slots between its queues, each keeping the share the others cannot take', async () => {
    const runner = make();
    const held = gate();
    const group = { name: 'battery-lanes', slots: 4 };
    const running = { high: 0, low: 0, most: 0 };
    const lane = (name: 'high' | 'low') => async (): Promise<void> => {
      running[name] += 1;
      running.most = Math.max(running.most, running.high + running.low);
      await held.promise;
      running[name] -= 1;
    };
    // As the feed lanes: each may take all but a quarter of the slots.
    runner.define('battery-lane-high', { handler: lane('high'), concurrency: laneConcurrency(4, 2), group });
    runner.define('battery-lane-low', { handler: lane('low'), concurrency: laneConcurrency(4, 2), group });
    await runner.start();
    const finished = nextFinished(runner, 12);
    // Many high-priority jobs wait first: before lanes, they took every slot and the low lane none.
    for (let n = 0; n < 10; n += 1) await runner.enqueue('battery-lane-high', { n }, { priority: 20 });
    await expect.poll(() => running.high).toBe(3);
    await runner.enqueue('battery-lane-low', { n: 0 });
    await runner.enqueue('battery-lane-low', { n: 1 });
    await expect.poll(() => running.low).toBe(1);
    expect(running.high + running.low).toBe(4);
    held.open();
    await finished;
    expect(running.most).toBe(4);
  });

  it('runs more than ten jobs at once that each listen to their stop signal, without a leak warning', async () => {
    const runner = make({ concurrency: 12 });
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name);
    };
    process.on('warning', onWarning);
    const held = gate();
    let started = 0;
    runner.define('battery-signals', {
      handler: async (_data, job) => {
        // As a feed job does: its run stops when the runner stops.
        const onStop = (): void => undefined;
        job.signal.addEventListener('abort', onStop, { once: true });
        started += 1;
        try {
          await held.promise;
        } finally {
          job.signal.removeEventListener('abort', onStop);
        }
      },
    });
    await runner.start();
    const finished = nextFinished(runner, 12);
    for (let n = 0; n < 12; n += 1) await runner.enqueue('battery-signals', { n });
    await expect.poll(() => started, { timeout: 20_000 }).toBe(12);
    held.open();
    await finished;
    // Node emits process warnings on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('reports a failing job and goes on with the next ones', async () => {
    const runner = make({ concurrency: 1 });
    runner.define<{ fail: boolean }>('battery-failure', {
      handler: async (data) => {
        if (data.fail === true) throw new Error('the store answered 500');
        return Promise.resolve();
      },
    });
    await runner.start();
    const finished = nextFinished(runner, 2);
    await runner.enqueue('battery-failure', { fail: true });
    await runner.enqueue('battery-failure', { fail: false });
    const outcomes = await finished;
    const failed = outcomes.find((outcome) => outcome.data.fail === true);
    const passed = outcomes.find((outcome) => outcome.data.fail === false);
    expect((failed?.error as Error).message).toBe('the store answered 500');
    expect(passed).toBeDefined();
    expect(passed?.error).toBeUndefined();
  });

  it('tells how many jobs wait per queue and per store, and since when', async () => {
    const runner = make();
    const held = gate();
    runner.define('battery-depth', {
      concurrency: 1,
      handler: async () => held.promise,
    });
    await runner.start();
    const started = new Promise<void>((resolve) => runner.once('job-started', () => resolve()));
    await runner.enqueue('battery-depth', { storeId: 7 });
    await started;
    await runner.enqueue('battery-depth', { storeId: 7 });
    await runner.enqueue('battery-depth', { storeId: 7 });
    await runner.enqueue('battery-depth', { storeId: 9 });
    const depth = (await runner.depths()).find((row) => row.queue === 'battery-depth');
    expect(depth).toMatchObject({ waiting: 3, active: 1, waitingByStore: { 7: 2, 9: 1 } });
    expect(depth?.oldestWaitingAt).not.toBeNull();
    const finished = nextFinished(runner, 4);
    held.open();
    await finished;
    const after = (await runner.depths()).find((row) => row.queue === 'battery-depth');
    expect(after).toMatchObject({ waiting: 0, active: 0, oldestWaitingAt: null });
  });

  it('stops by aborting the running jobs and waiting for them to return', async () => {
    const runner = make();
    let returned = false;
    runner.define('battery-stop', {
      handler: async (_data, job) => {
        await new Promise<void>((resolve) =>
          job.signal.addEventListener('abort', () => resolve(), { once: true }),
        );
        returned = true;
      },
    });
    await runner.start();
    const started = new Promise<void>((resolve) => runner.once('job-started', () => resolve()));
    await runner.enqueue('battery-stop', {});
    await started;
    await runner.stop();
    expect(returned).toBe(true);
    expect(runner.active).toHaveLength(0);
  });

  it('sends without working when started on no queue (an API process)', async () => {
    const sender = make();
    let ran = 0;
    sender.define('battery-send-only', {
      handler: () => {
        ran += 1;
        return Promise.resolve();
      },
    });
    await sender.start({ queues: [] });
    expect(sender.workedQueues).toEqual([]);
    expect(await sender.enqueue('battery-send-only', { storeId: 1 })).toBe(true);
    const depth = (await sender.depths()).find((row) => row.queue === 'battery-send-only');
    expect(depth?.waiting).toBe(1);
    expect(ran).toBe(0);
  });
});
