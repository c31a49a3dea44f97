/** The web backend's prediction API (same origin; `npm run dev` proxies /api to localhost:8080). */

export interface LabelProbability {
  label: number;
  probability: number;
}

export interface Prediction {
  id: number;
  predictedLabel: number;
  confidence: number;
  top: LabelProbability[];
  correctedLabel: number | null;
  modelName: string;
  modelVersion: string;
  createdAt: string;
}

export interface PredictionPage {
  content: Prediction[];
  page: { size: number; number: number; totalElements: number; totalPages: number };
}

/** A failed call, carrying the human-readable part of the server's RFC 9457 problem detail. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json, application/problem+json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Cannot reach the server. Check your connection and try again.');
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemMessage(response));
  }
  return (await response.json()) as T;
}

async function problemMessage(response: Response): Promise<string> {
  try {
    const problem = (await response.json()) as { title?: string; detail?: string };
    if (problem.detail || problem.title) return problem.detail ?? problem.title!;
  } catch {
    // Not JSON (e.g. a proxy's error page): fall back to the status line.
  }
  return `The server answered ${response.status} ${response.statusText}`.trim();
}

export function classify(pixels: Float32Array): Promise<Prediction> {
  // Rounded to 4 decimals: the model cannot tell the difference and the body shrinks by half.
  return call('POST', 'api/predictions', { pixels: Array.from(pixels, (p) => Math.round(p * 1e4) / 1e4) });
}

export function recentPredictions(size = 10): Promise<PredictionPage> {
  return call('GET', `api/predictions?page=0&size=${size}`);
}

export function correct(id: number, correctedLabel: number): Promise<Prediction> {
  return call('PATCH', `api/predictions/${id}`, { correctedLabel });
}
