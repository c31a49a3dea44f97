import { describe, expect, it } from 'vitest';
import { appUrl, millis, percent } from './format';

describe('format', () => {
  it('percent and millis', () => {
    expect(percent(0.981)).toBe('98.1 %');
    expect(percent(1, 0)).toBe('100 %');
    expect(percent(null)).toBe('–');
    expect(millis(3.24)).toBe('3.2 ms');
    expect(millis(undefined)).toBe('–');
  });

  it('appUrl keeps root-relative and absolute URLs and roots bare ones', () => {
    expect(appUrl('/api/predictions/42/image.png')).toBe('/api/predictions/42/image.png');
    expect(appUrl('api/predictions/42/image.png')).toBe('/api/predictions/42/image.png');
    expect(appUrl('api/jobs/5/results.csv', '/berth')).toBe('/berth/api/jobs/5/results.csv');
    expect(appUrl('https://example.org/x.png')).toBe('https://example.org/x.png');
  });
});
