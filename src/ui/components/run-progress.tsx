import type { ApiRun } from '../api/types';
import { useRunProgress } from '../lib/live-events';
import { ProgressBar } from './progress-bar';
import { RunCounts } from './run-counts';

/**
 * A running run's progress bar and counts: the progress from the live stream when it has some,
 * else as the API last said.
 */
export function RunProgress({ run, label }: { readonly run: ApiRun; readonly label?: string }) {
  const live = useRunProgress(run.id);
  const progress = live ?? run.progress;
  return (
    <div className="run-progress">
      <ProgressBar
        label={label ?? `Progress of ${run.feed}`}
        done={progress.done}
        total={progress.total}
        step={progress.step}
      />
      <RunCounts counts={run.counts} />
    </div>
  );
}
