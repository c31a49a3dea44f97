import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, planUpload } from './uploads';

describe('planUpload', () => {
  it('sends at most 20 files per request, in order', () => {
    const files = Array.from({ length: 45 }, (_, i) => ({ name: `${i}.png`, size: 100 }));
    const plan = planUpload(files);
    expect(plan.batches.map((b) => b.length)).toEqual([20, 20, 5]);
    expect(plan.batches.flat()).toEqual(files);
    expect(plan.rejected).toEqual([]);
  });

  it('keeps files over 5 MB and empty ones back', () => {
    const big = { name: 'big.png', size: MAX_FILE_BYTES + 1 };
    const empty = { name: 'empty.png', size: 0 };
    const ok = { name: 'ok.png', size: MAX_FILE_BYTES };
    expect(planUpload([big, ok, empty])).toEqual({
      batches: [[ok]],
      rejected: [{ file: big, error: 'larger than 5 MB' }, { file: empty, error: 'empty file' }],
    });
  });

  it('nothing chosen, nothing sent', () => {
    expect(planUpload([])).toEqual({ batches: [], rejected: [] });
  });
});
