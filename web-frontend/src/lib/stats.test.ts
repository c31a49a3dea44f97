import { describe, expect, it } from 'vitest';
import { accuracy, accuracyChart, confusionRows, modelLabel, perDayChart } from './stats';

describe('stats -> charts', () => {
  it('accuracy per model version, in percent, null when nothing labelled', () => {
    const chart = accuracyChart([
      { modelName: 'mnist', modelVersion: '1', predictions: 120, labelled: 80, correct: 74, accuracy: 0.925 },
      { modelName: 'mnist', modelVersion: '2', predictions: 5, labelled: 0, correct: 0, accuracy: null },
    ]);
    expect(chart).toEqual({ labels: ['mnist v1', 'mnist v2'], datasets: [{ label: 'Accuracy (%)', data: [92.5, null] }] });
  });

  it('falls back to correct/labelled when accuracy is missing', () => {
    const model = { modelName: 'm', modelVersion: '3', predictions: 4, labelled: 4, correct: 3, accuracy: null };
    expect(accuracyChart([model]).datasets[0].data).toEqual([75]);
    expect(accuracy(0, 0)).toBeNull();
    expect(modelLabel(model)).toBe('m v3');
  });

  it('per day: sorted, gaps filled with zeros', () => {
    const chart = perDayChart([
      { day: '2026-12-04', predictions: 50, labelled: 30, correct: 28 },
      { day: '2026-11-30', predictions: 5, labelled: 1, correct: 1 },
      { day: '2026-12-02', predictions: 7, labelled: 2, correct: 0 },
    ]);
    expect(chart.labels).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(chart.datasets.map((d) => d.label)).toEqual(['Predictions', 'Labelled', 'Correct']);
    expect(chart.datasets[0].data).toEqual([5, 0, 7, 0, 50]);
    expect(chart.datasets[2].data).toEqual([1, 0, 0, 0, 28]);
  });

  it('per day: nothing yet', () => {
    expect(perDayChart([])).toEqual({
      labels: [],
      datasets: [{ label: 'Predictions', data: [] }, { label: 'Labelled', data: [] }, { label: 'Correct', data: [] }],
    });
  });
});

describe('confusion matrix cells', () => {
  const matrix: number[][] = Array.from({ length: 10 }, (_, a) => Array.from({ length: 10 }, (_, p) => (a === p ? 8 : 0)));
  matrix[7][1] = 2; // two 7s read as 1

  it('has 10 rows of 10 cells with counts, shading and row shares', () => {
    const rows = confusionRows(matrix);
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.cells.length === 10)).toBe(true);
    const seven = rows[7];
    expect(seven.total).toBe(10);
    expect(seven.cells[7]).toEqual({ actual: 7, predicted: 7, count: 8, intensity: 1, rowShare: 0.8, correct: true });
    expect(seven.cells[1]).toEqual({ actual: 7, predicted: 1, count: 2, intensity: 0.25, rowShare: 0.2, correct: false });
  });

  it('an empty or short matrix is all zeros, without dividing by zero', () => {
    const rows = confusionRows([[1]]);
    expect(rows[0].cells[0]).toMatchObject({ count: 1, intensity: 1, rowShare: 1 });
    expect(rows[5].cells[5]).toEqual({ actual: 5, predicted: 5, count: 0, intensity: 0, rowShare: null, correct: true });
    expect(confusionRows([]).flatMap((r) => r.cells).every((c) => c.intensity === 0)).toBe(true);
  });
});
