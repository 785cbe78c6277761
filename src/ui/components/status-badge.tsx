import type { ApiGoLiveStepState, ApiRunStatus, ApiStoreHealthStatus } from '../api/types';

type Tone = 'ok' | 'bad' | 'warn' | 'info' | 'neutral';

function Badge({ tone, children }: { readonly tone: Tone; readonly children: string }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

const RUN: Readonly<Record<ApiRunStatus, [Tone, string]>> = {
  running: ['info', 'Running'],
  succeeded: ['ok', 'Succeeded'],
  failed: ['bad', 'Failed'],
  cancelled: ['neutral', 'Stopped'],
  interrupted: ['warn', 'Interrupted'],
};

export function RunStatusBadge({ status }: { readonly status: ApiRunStatus }) {
  const [tone, label] = RUN[status];
  return <Badge tone={tone}>{label}</Badge>;
}

export const RUN_STATUS_LABELS: Readonly<Record<ApiRunStatus, string>> = {
  running: RUN.running[1],
  succeeded: RUN.succeeded[1],
  failed: RUN.failed[1],
  cancelled: RUN.cancelled[1],
  interrupted: RUN.interrupted[1],
};

const HEALTH: Readonly<Record<ApiStoreHealthStatus, [Tone, string]>> = {
  ok: ['ok', 'Healthy'],
  failing: ['bad', 'Failing'],
  disabled: ['neutral', 'Disabled'],
  'never-run': ['warn', 'Never run'],
};

export function HealthBadge({ status }: { readonly status: ApiStoreHealthStatus }) {
  const [tone, label] = HEALTH[status];
  return <Badge tone={tone}>{label}</Badge>;
}

const STEP: Readonly<Record<ApiGoLiveStepState, [Tone, string]>> = {
  done: ['ok', 'Done'],
  skipped: ['neutral', 'Skipped'],
  running: ['info', 'Running'],
  next: ['warn', 'Next'],
  blocked: ['bad', 'Blocked'],
  waiting: ['neutral', 'Waiting'],
};

export function StepStateBadge({ state }: { readonly state: ApiGoLiveStepState }) {
  const [tone, label] = STEP[state];
  return <Badge tone={tone}>{label}</Badge>;
}

export function OnOffBadge({
  on,
  onLabel = 'On',
  offLabel = 'Off',
}: {
  readonly on: boolean;
  readonly onLabel?: string;
  readonly offLabel?: string;
}) {
  return <Badge tone={on ? 'ok' : 'neutral'}>{on ? onLabel : offLabel}</Badge>;
}

export function HttpStatusBadge({ status }: { readonly status: number | null }) {
  if (status === null) return <Badge tone="bad">No answer</Badge>;
  return <Badge tone={status >= 400 ? 'bad' : status >= 300 ? 'warn' : 'ok'}>{String(status)}</Badge>;
}
