/**
 * The go-live guide: the steps that bring a store live, in their safe order (catalog, customers,
 * orders, the initial stock import, then the first stock export), each with its state, and a
 * button that runs the next one. The first stock export overwrites the shop's quantities: its
 * warning must be confirmed first.
 */
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';

import type { ApiGoLive, ApiRun } from '../../../api/types';
import { ErrorBox } from '../../../components/error-box';
import { CheckboxField } from '../../../components/form-fields';
import { RunProgress } from '../../../components/run-progress';
import { RunStatusBadge, StepStateBadge } from '../../../components/status-badge';
import { useToast } from '../../../components/toaster';
import { ApiRequestError } from '../../../lib/api-client';
import { useCan } from '../../../lib/authorization';
import { useRunGoLiveNext } from '../api/run-golive-next';

function LastRun({ run, running }: { readonly run: ApiRun | undefined; readonly running: boolean }) {
  if (!run) return null;
  return (
    <>
      <p className="row-detail">
        Last run: <RunStatusBadge status={run.status} />{' '}
        <Link to={`/runs/${run.id}`}>report of run {run.id}</Link>
      </p>
      {running && run.status === 'running' && <RunProgress run={run} />}
    </>
  );
}

export function GoLiveGuide({
  store,
  guide,
  lastRuns,
}: {
  readonly store: string;
  readonly guide: ApiGoLive;
  /** Each feed's last run (GET /stores/{store}/feeds), for the steps' results and progress. */
  readonly lastRuns: ReadonlyMap<string, ApiRun>;
}) {
  const canRun = useCan('run-feeds');
  const notify = useToast();
  const next = useRunGoLiveNext();
  const [confirmed, setConfirmed] = useState(false);

  const nextStep =
    guide.steps.find((step) => step.feed === guide.next) ?? guide.steps.find((step) => step.state === 'next');
  const running = guide.steps.some((step) => step.state === 'running');
  const blocked = nextStep?.state === 'blocked';
  const refusal =
    next.error instanceof ApiRequestError && next.error.code === 'confirm-stock-export' ? next.error : null;
  const serverWantsConfirmation = refusal !== null;
  const warning = guide.warning ?? refusal?.message ?? null;
  const done = guide.steps.filter((step) => step.state === 'done' || step.state === 'skipped').length;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (next.isPending || !nextStep || running) return;
    if (warning && !confirmed) return;
    next.mutate(
      { store, body: warning ? { confirmStockExport: true } : {} },
      {
        onSuccess: (answer) => {
          setConfirmed(false);
          notify(
            answer.run ? `${answer.feed} started (run ${answer.run.id}).` : 'The store is live already.',
          );
        },
      },
    );
  };

  return (
    <section className="golive" aria-labelledby="golive-title">
      <h2 id="golive-title">Go-live guide</h2>
      {guide.live ? (
        <p className="ok-line">
          This store is live: every step is done, and its feeds run on their schedule.
        </p>
      ) : (
        <p>
          {done} of {guide.steps.length} steps done. Run them in this order: each one needs the ones before.
        </p>
      )}
      <ol className="golive-steps">
        {guide.steps.map((step) => (
          <li key={step.feed} className={`golive-step golive-${step.state}`}>
            <div className="golive-step-head">
              <span className="feed-name">{step.feed}</span> <StepStateBadge state={step.state} />
              {step.optional && <span className="badge badge-neutral">Optional</span>}
            </div>
            <p className="row-detail">{step.description}</p>
            {step.reason && <p className="row-warn-text">{step.reason}</p>}
            <LastRun run={lastRuns.get(step.feed)} running={step.state === 'running'} />
          </li>
        ))}
      </ol>
      {canRun && !guide.live && nextStep && (
        <form onSubmit={onSubmit} className="golive-next" aria-label="Next go-live step">
          {warning && (
            <div className="notice notice-warn" role="note">
              <p className="notice-title">Before the first stock export</p>
              <p>{warning}</p>
              <CheckboxField
                id="golive-confirm-stock-export"
                label="I have checked the hub's stock: export it to the store"
                checked={confirmed}
                onChange={setConfirmed}
              />
            </div>
          )}
          {next.isError && !serverWantsConfirmation && (
            <ErrorBox title="The next step did not start" error={next.error} />
          )}
          <button
            type="submit"
            className="button button-primary"
            disabled={next.isPending || running || blocked || (warning !== null && !confirmed)}
          >
            Run next step
          </button>{' '}
          <span className="muted">
            {running
              ? 'A step is running: wait for it to finish.'
              : blocked
                ? `Next: ${nextStep.feed}, blocked — ${nextStep.reason ?? 'see the step above'}`
                : `Next: ${nextStep.feed}`}
          </span>
        </form>
      )}
    </section>
  );
}
