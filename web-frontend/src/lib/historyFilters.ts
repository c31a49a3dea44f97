/**
 * The history view's filters and page, and how they live in the URL's query string (so a
 * reload, a shared link and back/forward keep them) and become the API's query.
 */
import type { PredictionQuery } from '../api/types';

export type Outcome = 'RIGHT' | 'WRONG';

export interface HistoryFilters {
  /** 1-based, as people count pages; the API's `page` is 0-based. */
  page: number;
  /** Predicted label 0..9. */
  label: number | null;
  /** true: a person gave a label; false: nobody did. */
  corrected: boolean | null;
  outcome: Outcome | null;
  modelVersion: string | null;
  /** Dates YYYY-MM-DD (UTC, inclusive). */
  from: string | null;
  to: string | null;
}

export const NO_FILTERS: Readonly<HistoryFilters> = Object.freeze({
  page: 1,
  label: null,
  corrected: null,
  outcome: null,
  modelVersion: null,
  from: null,
  to: null,
});

/** What vue-router's `route.query` holds. */
export type QueryValue = string | null | undefined | (string | null)[];
export type Query = Record<string, QueryValue>;

function first(value: QueryValue): string | null {
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined || one === null || one.trim() === '' ? null : one.trim();
}

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Reads filters from a URL query; anything malformed is ignored rather than sent on. */
export function filtersFromQuery(query: Query): HistoryFilters {
  const page = Number(first(query.page));
  const label = first(query.label);
  const corrected = first(query.corrected);
  const outcome = first(query.outcome)?.toUpperCase() ?? null;
  const from = first(query.from);
  const to = first(query.to);
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    label: label !== null && /^[0-9]$/.test(label) ? Number(label) : null,
    corrected: corrected === 'true' ? true : corrected === 'false' ? false : null,
    outcome: outcome === 'RIGHT' || outcome === 'WRONG' ? outcome : null,
    modelVersion: first(query.modelVersion),
    from: from !== null && isDate(from) ? from : null,
    to: to !== null && isDate(to) ? to : null,
  };
}

/** The URL query for filters: only what is set, so the plain view has a plain URL. */
export function filtersToQuery(filters: HistoryFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.label !== null) query.label = String(filters.label);
  if (filters.corrected !== null) query.corrected = String(filters.corrected);
  if (filters.outcome !== null) query.outcome = filters.outcome;
  if (filters.modelVersion !== null) query.modelVersion = filters.modelVersion;
  if (filters.from !== null) query.from = filters.from;
  if (filters.to !== null) query.to = filters.to;
  if (filters.page > 1) query.page = String(filters.page);
  return query;
}

/** Filters with some changed; changing a filter goes back to page 1, changing the page does not. */
export function withFilter(filters: HistoryFilters, change: Partial<HistoryFilters>): HistoryFilters {
  const next = { ...filters, ...change };
  if (!('page' in change)) next.page = 1;
  return next;
}

/** The query for `GET /api/predictions`. */
export function toApiQuery(filters: HistoryFilters, size: number): PredictionQuery {
  const query: PredictionQuery = { page: filters.page - 1, size };
  if (filters.label !== null) query.label = filters.label;
  if (filters.corrected !== null) query.corrected = filters.corrected;
  if (filters.outcome !== null) query.outcome = filters.outcome;
  if (filters.modelVersion !== null) query.modelVersion = filters.modelVersion;
  if (filters.from !== null) query.from = filters.from;
  if (filters.to !== null) query.to = filters.to;
  return query;
}

/** Whether any filter (not the page) is set. */
export function isFiltered(filters: HistoryFilters): boolean {
  return (Object.keys(NO_FILTERS) as (keyof HistoryFilters)[]).some(
    (key) => key !== 'page' && filters[key] !== NO_FILTERS[key],
  );
}
