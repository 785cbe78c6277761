// src/jobs: running feeds — run now, locks, progress, stop, schedules.
export {
  EmbeddedScheduler,
  type EmbeddedSchedulerOptions,
  type ScheduledFeedStatus,
} from './embedded-scheduler.js';
export {
  FeedRunner,
  type FeedRunnerOptions,
  type RunFeedRequest,
  type RunOutcome,
  type RunProgressEvent,
} from './feed-runner.js';
export {
  DAY_MS,
  feedInterval,
  type FeedScheduleOverride,
  MINUTE_MS,
  nextRunAt,
  scheduleOverride,
} from './feed-schedule.js';
export {
  GO_LIVE_STEPS,
  GoLiveError,
  type GoLiveOptions,
  type GoLiveResult,
  type GoLiveStatus,
  goLiveStatus,
  type GoLiveStep,
  type GoLiveStepOutcome,
  type GoLiveStepState,
  type GoLiveStepStatus,
  isLive,
  runGoLive,
} from './go-live.js';
export { NoPlanError, planImport, type PlanImportRequest } from './import-planning.js';
