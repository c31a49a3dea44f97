/** A failed call, carrying the human-readable part of the server's RFC 9457 problem detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const UNREACHABLE = 'Cannot reach the server. Check your connection and try again.';

/**
 * What to tell a person about a failed response: the problem's `detail`, else its `title`,
 * else the status line. Never the raw body.
 */
export function problemMessage(body: unknown, status: number, statusText = ''): string {
  if (body !== null && typeof body === 'object') {
    const { detail, title } = body as { detail?: unknown; title?: unknown };
    if (typeof detail === 'string' && detail.trim() !== '') return detail;
    if (typeof title === 'string' && title.trim() !== '') return title;
  }
  if (status === 413) return 'The files are too large.';
  return `The server answered ${status} ${statusText}`.trim() + '.';
}

/** What to show for any error thrown by an API call. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';
}
