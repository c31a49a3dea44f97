/** Turns `GET /api/stats` into what the stats view draws: chart data and confusion-matrix cells. */
import type { DayStats, ModelStats } from '../api/types';

export interface ChartSeries {
  label: string;
  data: (number | null)[];
}

export interface ChartData {
  labels: string[];
  datasets: ChartSeries[];
}

/** "mnist v1". */
export function modelLabel(model: Pick<ModelStats, 'modelName' | 'modelVersion'>): string {
  return `${model.modelName} v${model.modelVersion}`;
}

/** Share of labelled predictions that were right, or null when nothing is labelled. */
export function accuracy(correct: number, labelled: number): number | null {
  return labelled > 0 ? correct / labelled : null;
}

/** Accuracy in percent per model version (null: nothing labelled, no bar). */
export function accuracyChart(models: readonly ModelStats[]): ChartData {
  return {
    labels: models.map(modelLabel),
    datasets: [{
      label: 'Accuracy (%)',
      data: models.map((m) => {
        const share = m.accuracy ?? accuracy(m.correct, m.labelled);
        return share === null ? null : Math.round(share * 1000) / 10;
      }),
    }],
  };
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Predictions, labelled and correct per day. The API lists only days with predictions;
 * the days between them are filled with zeros so that the axis reads as a calendar.
 */
export function perDayChart(perDay: readonly DayStats[]): ChartData {
  const days = [...perDay].sort((a, b) => a.day.localeCompare(b.day));
  const byDay = new Map(days.map((d) => [d.day, d]));
  const labels: string[] = [];
  if (days.length > 0) {
    const last = days[days.length - 1].day;
    // Bounded: a malformed day must not loop forever.
    for (let day = days[0].day; labels.length < 366; day = nextDay(day)) {
      labels.push(day);
      if (day >= last) break;
    }
  }
  const series = (key: 'predictions' | 'labelled' | 'correct') => labels.map((day) => byDay.get(day)?.[key] ?? 0);
  return {
    labels,
    datasets: [
      { label: 'Predictions', data: series('predictions') },
      { label: 'Labelled', data: series('labelled') },
      { label: 'Correct', data: series('correct') },
    ],
  };
}

export interface ConfusionCell {
  /** The label a person gave (row). */
  actual: number;
  /** The model's guess (column). */
  predicted: number;
  count: number;
  /** count / the largest count in the matrix: 0..1, for shading. */
  intensity: number;
  /** count / the row's total: how often this label was read as `predicted`. */
  rowShare: number | null;
  /** On the diagonal: the model was right. */
  correct: boolean;
}

export interface ConfusionRow {
  actual: number;
  total: number;
  cells: ConfusionCell[];
}

/**
 * The 10x10 confusion matrix (rows = label given, columns = predicted) as cells to render;
 * short or missing rows count as zeros.
 */
export function confusionRows(matrix: readonly (readonly number[])[], size = 10): ConfusionRow[] {
  const count = (a: number, p: number) => Math.max(0, Number(matrix[a]?.[p] ?? 0) || 0);
  let max = 0;
  for (let a = 0; a < size; a++) for (let p = 0; p < size; p++) max = Math.max(max, count(a, p));
  return Array.from({ length: size }, (_, actual) => {
    const counts = Array.from({ length: size }, (_, predicted) => count(actual, predicted));
    const total = counts.reduce((sum, c) => sum + c, 0);
    return {
      actual,
      total,
      cells: counts.map((c, predicted) => ({
        actual,
        predicted,
        count: c,
        intensity: max > 0 ? c / max : 0,
        rowShare: total > 0 ? c / total : null,
        correct: actual === predicted,
      })),
    };
  });
}
