import { describe, expect, it } from 'vitest';
import { anyUnfinished, chooseTransport, progressOf } from './jobProgress';

describe('job progress', () => {
  it('running: percent rounded down, failures mentioned', () => {
    expect(progressOf({ status: 'RUNNING', total: 1000, processed: 345, failed: 2 })).toEqual({
      value: 345, max: 1000, percent: 34, finished: false, text: '345 of 1,000 images (34 %), 2 failed',
    });
  });

  it('queued', () => {
    expect(progressOf({ status: 'QUEUED', total: 1, processed: 0, failed: 0 })).toEqual({
      value: 0, max: 1, percent: 0, finished: false, text: 'Queued: 1 image waiting',
    });
  });

  it('completed is 100 %, even with nothing in it', () => {
    expect(progressOf({ status: 'COMPLETED', total: 10, processed: 10, failed: 0 })).toMatchObject({
      value: 10, max: 10, percent: 100, finished: true, text: 'Done: 10 of 10 images',
    });
    expect(progressOf({ status: 'COMPLETED', total: 0, processed: 0, failed: 0 })).toMatchObject({
      value: 1, max: 1, percent: 100, finished: true,
    });
  });

  it('never shows more than all or less than nothing', () => {
    expect(progressOf({ status: 'RUNNING', total: 4, processed: 9, failed: 0 })).toMatchObject({ value: 4, percent: 100 });
    expect(progressOf({ status: 'RUNNING', total: 0, processed: 0, failed: 0 })).toMatchObject({ value: 0, max: 1, percent: 0 });
  });

  it('knows when a list still moves', () => {
    expect(anyUnfinished([{ status: 'COMPLETED' }, { status: 'RUNNING' }])).toBe(true);
    expect(anyUnfinished([{ status: 'COMPLETED' }])).toBe(false);
    expect(anyUnfinished([])).toBe(false);
  });
});

describe('events or polling', () => {
  it('uses the event stream when the browser has one', () => {
    expect(chooseTransport({ finished: false, eventSourceAvailable: true, streamFailed: false })).toBe('events');
  });

  it('falls back to polling when EventSource is missing or the stream fails', () => {
    expect(chooseTransport({ finished: false, eventSourceAvailable: false, streamFailed: false })).toBe('polling');
    expect(chooseTransport({ finished: false, eventSourceAvailable: true, streamFailed: true })).toBe('polling');
  });

  it('stops once the job is finished, whatever the stream did', () => {
    expect(chooseTransport({ finished: true, eventSourceAvailable: true, streamFailed: false })).toBe('none');
    expect(chooseTransport({ finished: true, eventSourceAvailable: true, streamFailed: true })).toBe('none');
    expect(chooseTransport({ finished: true, eventSourceAvailable: false, streamFailed: false })).toBe('none');
  });
});
