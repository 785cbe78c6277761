// src/jobs: running feeds — run now, locks, progress, stop, schedules.
export { EmbeddedJobRunner, type EmbeddedJobRunnerOptions } from './embedded-job-runner.js';
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
export {
  type ActiveJob,
  type EnqueueOptions,
  FEED_QUEUE,
  JOB_PRIORITY,
  type JobContext,
  type JobHandler,
  type JobRunner,
  type JobRunnerEvents,
  type JobRunnerStartOptions,
  OUTBOX_QUEUE,
  type QueueDefinition,
  type QueueDepth,
} from './job-runner.js';
export { PG_BOSS_SCHEMA, PgBossJobRunner, type PgBossJobRunnerOptions } from './pg-boss-job-runner.js';
