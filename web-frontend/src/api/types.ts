/**
 * The API's types, derived from operations in the generated `paths` (see openapi.json and
 * `npm run generate`). Never from `components['schemas']` names: those are the server's
 * class names and may change; a path, its method and its response are the contract.
 */
import type { paths } from './schema';

type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : never;
type SuccessStatus = 200 | 201 | 202;

/** The body of an operation's success response, whatever its status (200/201/202) or media type. */
export type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? ContentOf<R[Extract<keyof R, SuccessStatus>]>
  : never;

/** An operation's query parameters. */
export type QueryOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

export type Prediction = Ok<'/api/predictions/{id}', 'get'>;
export type PredictionPage = Ok<'/api/predictions', 'get'>;
export type PredictionQuery = QueryOf<'/api/predictions', 'get'>;
export type ImageResults = Ok<'/api/predictions/images', 'post'>;
export type ImageResult = ImageResults['results'][number];
export type LabelProbability = Prediction['top'][number];
export type Stats = Ok<'/api/stats', 'get'>;
export type ModelStats = Stats['models'][number];
export type DayStats = Stats['perDay'][number];
export type InferenceStatus = Ok<'/api/status', 'get'>;
export type Job = Ok<'/api/jobs/{id}', 'get'>;
export type JobPage = Ok<'/api/jobs', 'get'>;
export type PredictionSource = 'DRAWN' | 'UPLOADED';
