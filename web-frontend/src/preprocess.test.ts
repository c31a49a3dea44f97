import { describe, expect, it } from 'vitest';
import {
  DIGIT_BOX, INPUT_SIZE, centreOfMass, inkBounds, intensityFromRgba, resizeArea, toModelInput,
} from './preprocess';

const CANVAS = 280;

/** A black canvas with white rectangles painted on it, as the drawing pad would produce. */
function canvas(...rects: Array<[left: number, top: number, width: number, height: number]>): Float32Array {
  const gray = new Float32Array(CANVAS * CANVAS);
  for (const [left, top, width, height] of rects) {
    for (let y = top; y < top + height; y++) {
      for (let x = left; x < left + width; x++) gray[y * CANVAS + x] = 1;
    }
  }
  return gray;
}

function inkRowsAndColumns(input: Float32Array): { rows: number; columns: number } {
  const bounds = inkBounds(input, INPUT_SIZE, INPUT_SIZE, 0)!;
  return { rows: bounds.bottom - bounds.top, columns: bounds.right - bounds.left };
}

describe('toModelInput', () => {
  it('returns null for an empty drawing, so nothing is sent to the model', () => {
    expect(toModelInput(canvas(), CANVAS, CANVAS)).toBeNull();
  });

  it('produces 784 values between 0 and 1', () => {
    const input = toModelInput(canvas([30, 40, 60, 150]), CANVAS, CANVAS)!;
    expect(input).toHaveLength(INPUT_SIZE * INPUT_SIZE);
    expect(Math.min(...input)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...input)).toBeLessThanOrEqual(1);
    expect(Math.max(...input)).toBe(1);
  });

  it('scales the ink to fit a 20x20 box and keeps its aspect ratio', () => {
    // A tall 40x100 bar becomes 8x20, like a "1" in MNIST.
    const input = toModelInput(canvas([10, 10, 40, 100]), CANVAS, CANVAS)!;
    expect(inkRowsAndColumns(input)).toEqual({ rows: DIGIT_BOX, columns: 8 });
  });

  it('centres the digit by its centre of mass, wherever it was drawn', () => {
    const input = toModelInput(canvas([200, 180, 70, 90]), CANVAS, CANVAS)!;
    const mass = centreOfMass(input, INPUT_SIZE, INPUT_SIZE);
    expect(mass.x).toBeCloseTo(INPUT_SIZE / 2, 0);
    expect(mass.y).toBeCloseTo(INPUT_SIZE / 2, 0);
  });

  it('uses the centre of mass, not the bounding box, for lopsided shapes', () => {
    // An "L": a long stem and a foot; most of the ink is on the left.
    const input = toModelInput(canvas([50, 50, 20, 200], [50, 230, 120, 20]), CANVAS, CANVAS)!;
    const mass = centreOfMass(input, INPUT_SIZE, INPUT_SIZE);
    const box = inkBounds(input, INPUT_SIZE, INPUT_SIZE, 0)!;
    expect(Math.abs(mass.x - INPUT_SIZE / 2)).toBeLessThanOrEqual(0.5);
    expect((box.left + box.right) / 2).toBeGreaterThan(INPUT_SIZE / 2);
  });

  it('gives the same input for the same shape drawn small in one corner or large in another', () => {
    const small = toModelInput(canvas([10, 10, 40, 100]), CANVAS, CANVAS)!;
    const large = toModelInput(canvas([100, 50, 80, 200]), CANVAS, CANVAS)!;
    for (let i = 0; i < small.length; i++) expect(large[i]).toBeCloseTo(small[i], 5);
  });
});

describe('resizeArea', () => {
  it('averages the area each output pixel covers, so thin strokes fade instead of vanishing', () => {
    // A 1-pixel line in a 4x4 image shrunk to 2x2: the output pixels that cover it are half lit.
    const gray = new Float32Array(16);
    for (let y = 0; y < 4; y++) gray[y * 4 + 1] = 1;
    const out = resizeArea(gray, 4, { left: 0, top: 0, right: 4, bottom: 4 }, 2, 2);
    expect(Array.from(out)).toEqual([0.5, 0, 0.5, 0]);
  });

  it('keeps total ink (scaled by area) when shrinking', () => {
    const gray = new Float32Array(CANVAS * CANVAS).map((_, i) => (i * 7919) % 13 / 12);
    const out = resizeArea(gray, CANVAS, { left: 0, top: 0, right: CANVAS, bottom: CANVAS }, 20, 20);
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);
    expect(sum(out) * (CANVAS / 20) ** 2).toBeCloseTo(sum(gray), 0);
  });
});

describe('intensityFromRgba', () => {
  it('reads white ink as 1, black background as 0 and unpainted (transparent) pixels as 0', () => {
    const rgba = [255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 0, 128, 128, 128, 255];
    const gray = intensityFromRgba(rgba);
    expect(gray[0]).toBe(1);
    expect(gray[1]).toBe(0);
    expect(gray[2]).toBe(0);
    expect(gray[3]).toBeCloseTo(128 / 255, 5);
  });
});
