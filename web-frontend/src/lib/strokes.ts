/**
 * The drawing as data: a list of strokes, each the points one pointer press went through.
 * Undo drops the last stroke and the canvas is redrawn from what is left.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export type Stroke = readonly Point[];

/** White ink on black, like MNIST; 20 px on a 280 px pad is MNIST's ~2 px on 28. */
export const PAD_SIZE = 280;
export const STROKE_WIDTH = 20;
export const INK = '#fff';
export const PAPER = '#000';

/** A new stroke beginning at `point`. */
export function startStroke(strokes: readonly Stroke[], point: Point): Stroke[] {
  return [...strokes, [point]];
}

/** The last stroke continued to `point` (unchanged when the pointer has not moved). */
export function extendStroke(strokes: readonly Stroke[], point: Point): Stroke[] {
  const last = strokes.at(-1);
  if (last === undefined) return startStroke(strokes, point);
  const end = last.at(-1);
  if (end !== undefined && end.x === point.x && end.y === point.y) return strokes as Stroke[];
  return [...strokes.slice(0, -1), [...last, point]];
}

/** The drawing without its last stroke. */
export function undo(strokes: readonly Stroke[]): Stroke[] {
  return strokes.slice(0, -1);
}

/** Maps a pointer position to canvas pixels: the canvas may be shown smaller than it is. */
export function canvasPoint(
  clientX: number,
  clientY: number,
  box: { left: number; top: number; width: number; height: number },
  canvasWidth: number,
  canvasHeight: number,
): Point {
  const x = ((clientX - box.left) * canvasWidth) / (box.width || canvasWidth);
  const y = ((clientY - box.top) * canvasHeight) / (box.height || canvasHeight);
  return { x: clamp(Math.round(x * 10) / 10, 0, canvasWidth), y: clamp(Math.round(y * 10) / 10, 0, canvasHeight) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The part of a 2D canvas context the renderer uses (a fake one in tests). */
export type Ink = Pick<
  CanvasRenderingContext2D,
  'fillStyle' | 'strokeStyle' | 'lineWidth' | 'lineCap' | 'lineJoin'
  | 'fillRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'arc' | 'fill' | 'stroke'
>;

/** Paints the whole drawing: black paper, then every stroke in white round ink. */
export function render(ink: Ink, strokes: readonly Stroke[], width: number, height: number, lineWidth = STROKE_WIDTH): void {
  ink.fillStyle = PAPER;
  ink.fillRect(0, 0, width, height);
  ink.fillStyle = INK;
  ink.strokeStyle = INK;
  ink.lineWidth = lineWidth;
  ink.lineCap = 'round';
  ink.lineJoin = 'round';
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (first === undefined) continue;
    ink.beginPath();
    if (rest.length === 0) {
      // A tap: a dot as wide as the pen.
      ink.arc(first.x, first.y, lineWidth / 2, 0, 2 * Math.PI);
      ink.fill();
      continue;
    }
    ink.moveTo(first.x, first.y);
    for (const point of rest) ink.lineTo(point.x, point.y);
    ink.stroke();
  }
}
