/**
 * A job kept fresh: server-sent events from /api/jobs/{id}/events while they work, otherwise
 * `GET /api/jobs/{id}` every second, and nothing once the job is finished.
 */
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { getJob, jobEventsUrl } from '../api/client';
import { messageOf } from '../api/problem';
import type { Job } from '../api/types';
import { chooseTransport, isFinished, type Transport } from '../lib/jobProgress';

export const POLL_MS = 1000;

export function useJobProgress(id: Ref<number>) {
  const job = ref<Job | null>(null);
  const error = ref<string | null>(null);
  const transport = ref<Transport>('none');
  let events: EventSource | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let generation = 0;

  function stop(): void {
    events?.close();
    events = null;
    clearInterval(timer);
    timer = undefined;
  }

  function switchTo(next: Transport): void {
    stop();
    transport.value = next;
    const mine = generation;
    if (next === 'events') {
      events = new EventSource(jobEventsUrl(id.value));
      events.addEventListener('progress', (event) => {
        if (mine !== generation) return;
        try {
          apply(JSON.parse((event as MessageEvent<string>).data) as Job);
        } catch {
          // A malformed event: the next one, or polling, will do.
        }
      });
      events.onerror = () => {
        if (mine !== generation) return;
        const finished = job.value !== null && isFinished(job.value);
        switchTo(chooseTransport({ finished, eventSourceAvailable: true, streamFailed: true }));
      };
    } else if (next === 'polling') {
      timer = setInterval(() => void load(mine), POLL_MS);
    }
  }

  function apply(next: Job): void {
    job.value = next;
    error.value = null;
    if (isFinished(next) && transport.value !== 'none') switchTo('none');
  }

  async function load(mine: number): Promise<boolean> {
    try {
      const next = await getJob(id.value);
      if (mine === generation) apply(next);
      return true;
    } catch (e) {
      if (mine === generation) error.value = messageOf(e);
      return false;
    }
  }

  async function start(): Promise<void> {
    const mine = ++generation;
    stop();
    transport.value = 'none';
    job.value = null;
    error.value = null;
    if (!(await load(mine)) || mine !== generation || job.value === null) return;
    switchTo(chooseTransport({
      finished: isFinished(job.value),
      eventSourceAvailable: typeof EventSource !== 'undefined',
      streamFailed: false,
    }));
  }

  watch(id, () => void start(), { immediate: true });
  onBeforeUnmount(() => {
    generation++;
    stop();
  });

  return { job, error, transport };
}
