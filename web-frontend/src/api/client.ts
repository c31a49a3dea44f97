/**
 * The web backend's API, typed from openapi.json (same origin; `npm run dev` proxies /api).
 * Every call either returns the success body or throws an ApiError with a message for people.
 */
import createClient from 'openapi-fetch';
import { ApiError, UNREACHABLE, problemMessage } from './problem';
import type { paths } from './schema';
import type {
  ImageResults, InferenceStatus, Job, JobPage, Prediction, PredictionPage, PredictionQuery, PredictionSource, Stats,
} from './types';

const client = createClient<paths>({
  baseUrl: import.meta.env.BASE_URL.replace(/\/$/, ''),
  headers: { Accept: 'application/json, application/problem+json' },
});

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

async function call<T>(request: Promise<Outcome<T>>): Promise<NonNullable<T>> {
  let outcome: Outcome<T>;
  try {
    outcome = await request;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, UNREACHABLE);
  }
  const { data, error, response } = outcome;
  if (!response.ok || data === undefined || data === null) {
    throw new ApiError(response.status, problemMessage(error, response.status, response.statusText));
  }
  return data;
}

/** Multipart bodies are sent as FormData as they are; the schema's idea of them does not matter. */
function multipart<P extends keyof paths>(form: FormData) {
  return {
    body: form as unknown as paths[P] extends { post: { requestBody?: { content: infer C } } } ? C[keyof C] : never,
    bodySerializer: (body: unknown) => body as FormData,
  };
}

function formWith(files: readonly Blob[], fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  files.forEach((file, i) => form.append('files', file, file instanceof File ? file.name : `file-${i + 1}.png`));
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

export function classifyImages(files: readonly Blob[], source: PredictionSource): Promise<ImageResults> {
  return call(client.POST('/api/predictions/images', multipart<'/api/predictions/images'>(formWith(files, { source }))));
}

export function listPredictions(query: PredictionQuery, signal?: AbortSignal): Promise<PredictionPage> {
  return call(client.GET('/api/predictions', { params: { query }, signal }));
}

export function correctPrediction(id: number, correctedLabel: number): Promise<Prediction> {
  return call(client.PATCH('/api/predictions/{id}', { params: { path: { id } }, body: { correctedLabel } }));
}

export function getStats(): Promise<Stats> {
  return call(client.GET('/api/stats'));
}

export function getStatus(): Promise<InferenceStatus> {
  return call(client.GET('/api/status'));
}

export function createJob(files: readonly Blob[]): Promise<Job> {
  return call(client.POST('/api/jobs', multipart<'/api/jobs'>(formWith(files))));
}

export function listJobs(page: number, size: number): Promise<JobPage> {
  return call(client.GET('/api/jobs', { params: { query: { page, size } } }));
}

export function getJob(id: number): Promise<Job> {
  return call(client.GET('/api/jobs/{id}', { params: { path: { id } } }));
}

/** Where a job's progress events stream from (`text/event-stream`, events named `progress`). */
export function jobEventsUrl(id: number): string {
  return `${import.meta.env.BASE_URL}api/jobs/${id}/events`;
}
