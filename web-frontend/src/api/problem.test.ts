import { describe, expect, it } from 'vitest';
import { ApiError, messageOf, problemMessage } from './problem';

describe('problemMessage', () => {
  it('prefers detail, then title', () => {
    expect(problemMessage({ title: 'Bad Request', detail: 'label must be 0..9', status: 400 }, 400)).toBe('label must be 0..9');
    expect(problemMessage({ title: 'Service Unavailable', status: 503 }, 503)).toBe('Service Unavailable');
    expect(problemMessage({ title: 'Not Found', detail: '  ' }, 404)).toBe('Not Found');
  });

  it('never shows a raw body', () => {
    expect(problemMessage('<html>Bad gateway</html>', 502, 'Bad Gateway')).toBe('The server answered 502 Bad Gateway.');
    expect(problemMessage({ error: 'x' }, 500)).toBe('The server answered 500.');
    expect(problemMessage(undefined, 413)).toBe('The files are too large.');
  });

  it('messageOf hides unexpected errors', () => {
    expect(messageOf(new ApiError(404, 'No prediction 9'))).toBe('No prediction 9');
    expect(messageOf(new TypeError('x is undefined'))).toBe('Something went wrong. Please try again.');
  });
});
