/** Small formatting helpers shared by the views. */

/** 0.981 -> "98.1 %". */
export function percent(probability: number | null | undefined, digits = 1): string {
  if (probability === null || probability === undefined || Number.isNaN(probability)) return '–';
  return `${(probability * 100).toFixed(digits)} %`;
}

/** 3.24 -> "3.2 ms". */
export function millis(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '–' : `${ms.toFixed(1)} ms`;
}

/** A timestamp in the reader's locale, or "–". */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * A URL the API gave "relative to the app root" (e.g. `/api/predictions/42/image.png`), made
 * safe to use from any route: history-mode pages such as /jobs/5 would resolve a bare
 * `api/...` against /jobs/.
 */
export function appUrl(url: string, base = '/'): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) return url;
  return (base.endsWith('/') ? base : `${base}/`) + url;
}
