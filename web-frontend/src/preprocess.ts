/**
 * Turns a drawing into the model input the way MNIST's digits were made: find the ink,
 * scale it (keeping its aspect ratio) to fit a 20x20 box, then place it in a 28x28 field
 * so that its centre of mass sits in the middle. White ink on black, values in 0..1.
 *
 * Pure functions over plain arrays, so they run (and are tested) without a browser.
 */

/** Side of the model input image. */
export const INPUT_SIZE = 28;
/** MNIST digits fit a 20x20 box inside the 28x28 field. */
export const DIGIT_BOX = 20;
/** Pixels at or below this intensity count as background when finding the ink. */
export const INK_THRESHOLD = 0.05;

/** A rectangle of pixels: left/top inclusive, right/bottom exclusive. */
export interface Bounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Canvas RGBA bytes (white ink on an opaque black background) to intensities 0..1. */
export function intensityFromRgba(rgba: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++) {
    const o = i * 4;
    // Premultiply by alpha so a transparent (never painted) pixel reads as background.
    out[i] = ((rgba[o] + rgba[o + 1] + rgba[o + 2]) / (3 * 255)) * (rgba[o + 3] / 255);
  }
  return out;
}

/** Smallest rectangle holding every pixel brighter than the threshold, or null when there is none. */
export function inkBounds(gray: ArrayLike<number>, width: number, height: number, threshold = INK_THRESHOLD): Bounds | null {
  let left = width, top = height, right = -1, bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (gray[y * width + x] > threshold) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  return right < 0 ? null : { left, top, right: right + 1, bottom: bottom + 1 };
}

/**
 * For each of `targetSize` output cells, which source cells (offset by `start`) it covers and
 * by how much, when `sourceSize` cells are stretched or squeezed onto `targetSize`.
 */
function coverage(start: number, sourceSize: number, targetSize: number): Array<Array<[number, number]>> {
  const step = sourceSize / targetSize;
  const cells: Array<Array<[number, number]>> = [];
  for (let t = 0; t < targetSize; t++) {
    const from = t * step;
    const to = from + step;
    const parts: Array<[number, number]> = [];
    for (let s = Math.floor(from); s < Math.ceil(to - 1e-9); s++) {
      const weight = Math.min(to, s + 1) - Math.max(from, s);
      if (weight > 0) parts.push([start + s, weight / step]);
    }
    cells.push(parts);
  }
  return cells;
}

/**
 * Area-averaging resize of the `crop` region of a `width`-wide image to `targetWidth` x
 * `targetHeight`: every output pixel is the mean of the source area it covers, which is
 * what keeps thin strokes visible when a 280-pixel drawing shrinks to 20 pixels.
 */
export function resizeArea(
  gray: ArrayLike<number>, width: number, crop: Bounds, targetWidth: number, targetHeight: number,
): Float32Array {
  const columns = coverage(crop.left, crop.right - crop.left, targetWidth);
  const rows = coverage(crop.top, crop.bottom - crop.top, targetHeight);
  const out = new Float32Array(targetWidth * targetHeight);
  for (let ty = 0; ty < targetHeight; ty++) {
    for (let tx = 0; tx < targetWidth; tx++) {
      let sum = 0;
      for (const [sy, wy] of rows[ty]) {
        for (const [sx, wx] of columns[tx]) {
          sum += gray[sy * width + sx] * wy * wx;
        }
      }
      out[ty * targetWidth + tx] = sum;
    }
  }
  return out;
}

/** Intensity-weighted mean position, in pixel units where pixel (0,0) spans 0..1. */
export function centreOfMass(gray: ArrayLike<number>, width: number, height: number): { x: number; y: number } {
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = gray[y * width + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return mass === 0 ? { x: width / 2, y: height / 2 } : { x: mx / mass, y: my / mass };
}

/**
 * The 28x28 model input (row-major, 784 values in 0..1) for a drawing of `width` x `height`
 * intensities, or null when nothing was drawn.
 */
export function toModelInput(gray: ArrayLike<number>, width: number, height: number): Float32Array | null {
  const bounds = inkBounds(gray, width, height);
  if (bounds === null) return null;
  const inkWidth = bounds.right - bounds.left;
  const inkHeight = bounds.bottom - bounds.top;
  const scale = DIGIT_BOX / Math.max(inkWidth, inkHeight);
  const digitWidth = Math.min(DIGIT_BOX, Math.max(1, Math.round(inkWidth * scale)));
  const digitHeight = Math.min(DIGIT_BOX, Math.max(1, Math.round(inkHeight * scale)));
  const digit = resizeArea(gray, width, bounds, digitWidth, digitHeight);

  // Shift so the centre of mass lands on the field's centre, as MNIST did, but never off the edge.
  const mass = centreOfMass(digit, digitWidth, digitHeight);
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const offsetX = clamp(Math.round(INPUT_SIZE / 2 - mass.x), INPUT_SIZE - digitWidth);
  const offsetY = clamp(Math.round(INPUT_SIZE / 2 - mass.y), INPUT_SIZE - digitHeight);

  const input = new Float32Array(INPUT_SIZE * INPUT_SIZE);
  for (let y = 0; y < digitHeight; y++) {
    for (let x = 0; x < digitWidth; x++) {
      input[(y + offsetY) * INPUT_SIZE + x + offsetX] = Math.min(1, Math.max(0, digit[y * digitWidth + x]));
    }
  }
  return input;
}
