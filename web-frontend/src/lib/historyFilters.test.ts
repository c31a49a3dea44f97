import { describe, expect, it } from 'vitest';
import {
  NO_FILTERS, filtersFromQuery, filtersToQuery, isFiltered, toApiQuery, withFilter, type HistoryFilters,
} from './historyFilters';

const all: HistoryFilters = {
  page: 3, label: 7, corrected: true, outcome: 'WRONG', modelVersion: '2', from: '2026-12-01', to: '2026-12-04',
};

describe('history filters <-> URL query', () => {
  it('an empty query is no filter, page 1', () => {
    expect(filtersFromQuery({})).toEqual(NO_FILTERS);
    expect(filtersToQuery(NO_FILTERS)).toEqual({});
  });

  it('round-trips every filter', () => {
    const query = filtersToQuery(all);
    expect(query).toEqual({
      label: '7', corrected: 'true', outcome: 'WRONG', modelVersion: '2', from: '2026-12-01', to: '2026-12-04', page: '3',
    });
    expect(filtersFromQuery(query)).toEqual(all);
  });

  it('keeps false and label 0, which are set values', () => {
    const filters = { ...NO_FILTERS, label: 0, corrected: false };
    expect(filtersToQuery(filters)).toEqual({ label: '0', corrected: 'false' });
    expect(filtersFromQuery(filtersToQuery(filters))).toEqual(filters);
  });

  it('ignores malformed values', () => {
    expect(filtersFromQuery({
      page: '-2', label: '12', corrected: 'maybe', outcome: 'SO-SO', modelVersion: '  ', from: '2026-02-30', to: 'yesterday',
    })).toEqual(NO_FILTERS);
    expect(filtersFromQuery({ page: '1.5' }).page).toBe(1);
  });

  it('reads the first of repeated parameters and accepts lower-case outcomes', () => {
    expect(filtersFromQuery({ label: ['4', '5'], outcome: 'right' })).toEqual({ ...NO_FILTERS, label: 4, outcome: 'RIGHT' });
    expect(filtersFromQuery({ label: [null] }).label).toBeNull();
  });

  it('changing a filter returns to page 1; changing the page keeps the filters', () => {
    expect(withFilter(all, { label: 1 })).toEqual({ ...all, label: 1, page: 1 });
    expect(withFilter(all, { page: 4 })).toEqual({ ...all, page: 4 });
  });

  it('maps to the API query with a 0-based page', () => {
    expect(toApiQuery(NO_FILTERS, 20)).toEqual({ page: 0, size: 20 });
    expect(toApiQuery(all, 50)).toEqual({
      page: 2, size: 50, label: 7, corrected: true, outcome: 'WRONG', modelVersion: '2', from: '2026-12-01', to: '2026-12-04',
    });
  });

  it('knows whether anything is filtered', () => {
    expect(isFiltered({ ...NO_FILTERS, page: 5 })).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, corrected: false })).toBe(true);
  });
});
