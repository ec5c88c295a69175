/** The durable job queue (PostgreSQL). See docs/agenda-notifications.md. */
export { enqueue, claimJobs, claimJob, completeJob, failJob, backoffMs, JobWorker, PermanentJobError, listJobs, retryJob, cancelJob, type JobRow, type JobHandler, type JobHandlers, type JobKind, type Finish, type WorkerOptions, type EnqueueInput } from './queue.js';
