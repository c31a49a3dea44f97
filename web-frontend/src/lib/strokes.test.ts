import { describe, expect, it } from 'vitest';
import { canvasPoint, extendStroke, render, startStroke, undo, type Ink, type Stroke } from './strokes';

describe('stroke model', () => {
  it('starts, extends and undoes strokes without mutating', () => {
    const none: Stroke[] = [];
    const one = startStroke(none, { x: 1, y: 1 });
    const longer = extendStroke(one, { x: 2, y: 3 });
    const two = startStroke(longer, { x: 9, y: 9 });
    expect(none).toEqual([]);
    expect(one).toEqual([[{ x: 1, y: 1 }]]);
    expect(longer).toEqual([[{ x: 1, y: 1 }, { x: 2, y: 3 }]]);
    expect(two).toHaveLength(2);
    expect(undo(two)).toEqual(longer);
    expect(undo(undo(two))).toEqual([]);
    expect(undo([])).toEqual([]);
  });

  it('ignores a move that does not move', () => {
    const one = startStroke([], { x: 1, y: 1 });
    expect(extendStroke(one, { x: 1, y: 1 })).toBe(one);
  });

  it('a move without a stroke starts one', () => {
    expect(extendStroke([], { x: 4, y: 5 })).toEqual([[{ x: 4, y: 5 }]]);
  });

  it('maps a pointer on a shrunk canvas back to canvas pixels, clamped', () => {
    const box = { left: 10, top: 20, width: 140, height: 140 };
    expect(canvasPoint(80, 90, box, 280, 280)).toEqual({ x: 140, y: 140 });
    expect(canvasPoint(0, 500, box, 280, 280)).toEqual({ x: 0, y: 280 });
  });
});

describe('render', () => {
  function recorder() {
    const calls: string[] = [];
    const ink = new Proxy({} as Record<string, unknown>, {
      get: (_, name: string) => (...args: unknown[]) => calls.push(`${name}(${args.join(',')})`),
      set: (_, name: string, value) => { calls.push(`${name}=${value}`); return true; },
    });
    return { ink: ink as unknown as Ink, calls };
  }

  it('paints black paper, then lines and dots in white', () => {
    const { ink, calls } = recorder();
    render(ink, [[{ x: 1, y: 2 }, { x: 3, y: 4 }], [{ x: 5, y: 6 }]], 280, 280, 20);
    expect(calls).toEqual([
      'fillStyle=#000', 'fillRect(0,0,280,280)',
      'fillStyle=#fff', 'strokeStyle=#fff', 'lineWidth=20', 'lineCap=round', 'lineJoin=round',
      'beginPath()', 'moveTo(1,2)', 'lineTo(3,4)', 'stroke()',
      'beginPath()', `arc(5,6,10,0,${2 * Math.PI})`, 'fill()',
    ]);
  });

  it('an empty drawing is just paper', () => {
    const { ink, calls } = recorder();
    render(ink, [], 28, 28);
    expect(calls.filter((c) => c.startsWith('stroke(') || c.startsWith('fill('))).toEqual([]);
  });
});
