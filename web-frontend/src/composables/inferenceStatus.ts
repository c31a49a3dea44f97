/**
 * Degraded mode: whether the model can classify right now. Polled every 5 s from `GET
 * /api/status`, and at once after a classify call answered 503.
 */
import { computed, reactive, readonly } from 'vue';
import { getStatus } from '../api/client';
import { ApiError } from '../api/problem';

export const STATUS_POLL_MS = 5000;

const state = reactive({
  inference: 'UNKNOWN' as 'UP' | 'DOWN' | 'UNKNOWN',
  detail: '',
});

export const inferenceStatus = readonly(state);

/** True while the server says the model is down: classifying is paused. */
export const modelDown = computed(() => state.inference === 'DOWN');

let pending: Promise<void> | null = null;

export function refreshStatus(): Promise<void> {
  pending ??= getStatus()
    .then((status) => {
      state.inference = status.inference === 'DOWN' ? 'DOWN' : 'UP';
      state.detail = status.detail ?? '';
    })
    .catch(() => {
      // The status call itself failed (server restarting, offline): keep what we knew.
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

/** Starts polling; returns the function that stops it. */
export function startStatusPolling(intervalMs = STATUS_POLL_MS): () => void {
  void refreshStatus();
  const timer = setInterval(() => void refreshStatus(), intervalMs);
  return () => clearInterval(timer);
}

/** Call with any error from a classify call: a 503 means the model may have gone down. */
export function noticeFailure(error: unknown): void {
  if (error instanceof ApiError && error.status === 503) void refreshStatus();
}
