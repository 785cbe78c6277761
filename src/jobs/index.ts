// src/jobs: running feeds — run now, locks, progress, stop, schedules.
export { EmbeddedJobRunner, type EmbeddedJobRunnerOptions } from './embedded-job-runner.js';
export {
  EmbeddedScheduler,
  type EmbeddedSchedulerOptions,
  type ScheduledFeedStatus,
} from './embedded-scheduler.js';
export {
  CATALOG_FEED,
  type FeedJobData,
  FeedJobs,
  type FeedJobSkip,
  type FeedJobsOptions,
  feedPriority,
  feedQueue,
  type OutboxJobData,
} from './feed-jobs.js';
export {
  FeedAlreadyRanError,
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
  passedGoLiveStep,
  runGoLive,
} from './go-live.js';
export {
  DEFAULT_HOST_CONCURRENCY,
  DEFAULT_HOST_REQUESTS_PER_MINUTE,
  HostPacer,
  type HostPacerOptions,
} from './host-pacer.js';
export { NoPlanError, planImport, type PlanImportRequest } from './import-planning.js';
export { JobMetrics } from './job-metrics.js';
export {
  type ActiveJob,
  CATALOG_QUEUE,
  type EnqueueOptions,
  FEED_QUEUE,
  hasFreeSlot,
  JOB_PRIORITY,
  type JobContext,
  type JobHandler,
  type JobRunner,
  type JobRunnerEvents,
  type JobRunnerStartOptions,
  laneConcurrency,
  OUTBOX_QUEUE,
  type QueueDefinition,
  type QueueDepth,
} from './job-runner.js';
export {
  DEFAULT_JOB_TICK_MS,
  type JobRunnerKind,
  type JobWorkerOptions,
  type RunningJobWorker,
  startJobWorker,
} from './job-worker.js';
export { type HeldLease, takeLease } from './lease.js';
export {
  type MetricsServerOptions,
  type RunningMetricsServer,
  startMetricsServer,
} from './metrics-server.js';
export { PG_BOSS_SCHEMA, PgBossJobRunner, type PgBossJobRunnerOptions } from './pg-boss-job-runner.js';
