/** A batch job's progress as the job views show it, and how the job page keeps it fresh. */
import type { Job } from '../api/types';

export interface JobProgress {
  /** For `<progress value max>`: max is never 0. */
  value: number;
  max: number;
  /** 0..100, whole numbers. */
  percent: number;
  finished: boolean;
  /** e.g. "340 of 1,000 images (34 %), 2 failed". */
  text: string;
}

type JobCounts = Pick<Job, 'status' | 'total' | 'processed' | 'failed'>;

export function isFinished(job: Pick<Job, 'status'>): boolean {
  return job.status === 'COMPLETED';
}

export function progressOf(job: JobCounts, locale?: string): JobProgress {
  const finished = isFinished(job);
  const total = Math.max(0, job.total ?? 0);
  const processed = Math.min(Math.max(0, job.processed ?? 0), total || Infinity);
  const max = Math.max(total, 1);
  const value = finished && total === 0 ? max : Math.min(processed, max);
  const percent = finished ? 100 : Math.floor((value / max) * 100);
  const n = (x: number) => x.toLocaleString(locale ?? 'en');
  const failed = job.failed > 0 ? `, ${n(job.failed)} failed` : '';
  let text: string;
  if (job.status === 'QUEUED') text = `Queued: ${n(total)} ${total === 1 ? 'image' : 'images'} waiting`;
  else if (finished) text = `Done: ${n(processed)} of ${n(total)} images${failed}`;
  else text = `${n(processed)} of ${n(total)} images (${percent} %)${failed}`;
  return { value, max, percent, finished, text };
}

/** How the job page learns of progress: a live event stream, polling, or not at all (done). */
export type Transport = 'events' | 'polling' | 'none';

/**
 * The transport to use now. Server-sent events while they work; polling every second when
 * the browser has no EventSource or the stream failed; nothing once the job is finished.
 * (A stream also "fails" when the server ends it after the last event: by then the job is
 * finished, so nothing more is needed.)
 */
export function chooseTransport(state: {
  finished: boolean;
  eventSourceAvailable: boolean;
  streamFailed: boolean;
}): Transport {
  if (state.finished) return 'none';
  if (!state.eventSourceAvailable || state.streamFailed) return 'polling';
  return 'events';
}

/** Whether a list of jobs needs refreshing (anything still queued or running). */
export function anyUnfinished(jobs: readonly Pick<Job, 'status'>[]): boolean {
  return jobs.some((job) => !isFinished(job));
}
