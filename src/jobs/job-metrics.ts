import type { Hub } from '../hub/index.js';
import type { RunOutcome } from './feed-runner.js';
import type { JobRunner } from './job-runner.js';

type Labels = Readonly<Record<string, string>>;

const DURATION_BUCKETS = [1, 5, 15, 60, 300, 900, 3600];

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

class Counter {
  readonly values = new Map<string, { labels: Labels; value: number }>();

  inc(labels: Labels, by = 1): void {
    const key = labelText(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }
}

/**
 * What this process did, in Prometheus text format (`/metrics`; `prestabridge worker --metrics-port`):
 * runs and their durations per feed, requests per store, webhook deliveries — counters of this
 * process, scraped from every process — plus gauges read from the hub at each scrape, the same from
 * any process: outbox depth per store, queue depths, live workers.
 *
 * @example
 * metrics.countWebhookDelivery('delivered'); // from the webhook delivery queue's handler
 */
export class JobMetrics {
  readonly #runs = new Counter();
  readonly #durationSum = new Counter();
  readonly #durationBuckets = new Counter();
  readonly #durationCount = new Counter();
  readonly #requests = new Counter();
  readonly #deliveries = new Counter();

  /** Counts a finished run (its status, duration and the requests it made). */
  recordRun({ run, report }: RunOutcome, storeName: string): void {
    this.#runs.inc({ feed: run.feed, status: run.status });
    const seconds = report.durationMs / 1000;
    this.#durationSum.inc({ feed: run.feed }, seconds);
    this.#durationCount.inc({ feed: run.feed });
    for (const bound of DURATION_BUCKETS)
      if (seconds <= bound) this.#durationBuckets.inc({ feed: run.feed, le: String(bound) });
    this.#durationBuckets.inc({ feed: run.feed, le: '+Inf' });
    if (report.requests > 0) this.#requests.inc({ store: storeName }, report.requests);
  }

  /** The hook for webhook deliveries: one call per attempt, with how it ended (`delivered`, `failed`, …). */
  countWebhookDelivery(outcome: string): void {
    this.#deliveries.inc({ outcome });
  }

  /** The text format, with gauges read now from the hub and the job runner. */
  async render(hub: Hub, jobs?: JobRunner, liveSince?: Date): Promise<string> {
    const lines: string[] = [];
    const counter = (name: string, help: string, counter: Counter, type = 'counter'): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const { labels, value } of counter.values.values())
        lines.push(`${name}${labelText(labels)} ${value}`);
    };
    counter(
      'prestabridge_runs_total',
      'Feed runs finished by this process, per feed and status.',
      this.#runs,
    );
    lines.push(
      '# HELP prestabridge_run_duration_seconds How long runs of this process took, per feed.',
      '# TYPE prestabridge_run_duration_seconds histogram',
    );
    for (const { labels, value } of this.#durationBuckets.values.values())
      lines.push(`prestabridge_run_duration_seconds_bucket${labelText(labels)} ${value}`);
    for (const { labels, value } of this.#durationSum.values.values())
      lines.push(`prestabridge_run_duration_seconds_sum${labelText(labels)} ${value}`);
    for (const { labels, value } of this.#durationCount.values.values())
      lines.push(`prestabridge_run_duration_seconds_count${labelText(labels)} ${value}`);
    counter(
      'prestabridge_store_requests_total',
      'Webservice requests made by runs of this process, per store.',
      this.#requests,
    );
    counter(
      'prestabridge_webhook_deliveries_total',
      'Webhook delivery attempts of this process, per outcome.',
      this.#deliveries,
    );

    const names = new Map((await hub.stores.list()).map((store) => [store.id, store.name]));
    lines.push(
      '# HELP prestabridge_outbox_depth Outbox entries waiting to be sent (pending or in flight), per store.',
    );
    lines.push('# TYPE prestabridge_outbox_depth gauge');
    for (const [storeId, count] of await hub.outbox.openPerStore())
      lines.push(
        `prestabridge_outbox_depth${labelText({ store: names.get(storeId) ?? String(storeId) })} ${count}`,
      );
    if (jobs) {
      const depths = await jobs.depths();
      lines.push(
        '# HELP prestabridge_queue_waiting Jobs waiting, per queue.',
        '# TYPE prestabridge_queue_waiting gauge',
      );
      for (const depth of depths)
        lines.push(`prestabridge_queue_waiting${labelText({ queue: depth.queue })} ${depth.waiting}`);
      lines.push(
        '# HELP prestabridge_queue_active Jobs running, per queue.',
        '# TYPE prestabridge_queue_active gauge',
      );
      for (const depth of depths)
        lines.push(`prestabridge_queue_active${labelText({ queue: depth.queue })} ${depth.active}`);
    }
    if (liveSince) {
      lines.push(
        '# HELP prestabridge_workers_live Processes running jobs with a recent heartbeat.',
        '# TYPE prestabridge_workers_live gauge',
      );
      lines.push(`prestabridge_workers_live ${(await hub.workers.live(liveSince)).length}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
