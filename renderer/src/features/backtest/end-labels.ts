// Where the equity chart's end labels go (the value each run ended at, on the price axis beside its curve's
// end). lightweight-charts' own last-value labels are spread only while they fit the pane: a dozen runs
// ending near one value ran them past the pane's edge and over one another, a label far from its curve.
// These are spread here instead: each as near its curve's end as the others let it be, never two closer
// than a label's height, in the order of the curves' ends (top to bottom; at equal values, the curves'
// order). Runs of labels that would touch move as one block centred on their curves' ends, kept in the pane.
// More labels than the pane holds one under another (fifteen runs on the 120 px drawdown pane) went on
// below it, over the time axis and the tabs: now the ones that do not fit are left off (null), the top and
// bottom ends always kept, and of the rest those whose ends sit nearest another kept end go first (their
// value is read off that neighbour's label). The key above the charts still names every run.

/**
 * The centre of each label, in the order of `ends` (the y of each curve's end, pixels down from the pane's
 * top), at least `labelHeight` apart and inside `0..height`; null for a label left off for want of room.
 */
export function spreadLabels(ends: readonly number[], labelHeight: number, height: number): (number | null)[] {
  const h = labelHeight;
  const kept = keptLabels(ends, Math.max(1, Math.floor(height / h)));
  const ys = place(kept.map((i) => ends[i]!), h, height);
  const out = new Array<number | null>(ends.length).fill(null);
  kept.forEach((i, k) => (out[i] = ys[k]!));
  return out;
}

/**
 * Which labels (indices into `ends`) a pane with room for `room` of them shows: all while they fit; else the
 * top and bottom ends and, of the rest, those farthest from their kept neighbours (on a tie, the earlier run).
 */
export function keptLabels(ends: readonly number[], room: number): number[] {
  const all = ends.map((_, i) => i);
  if (ends.length <= room) return all;
  const order = all.sort((a, b) => ends[a]! - ends[b]! || a - b);
  if (room === 1) return [order[0]!];
  // Left off one at a time, the one nearest a neighbour still kept (its value is the neighbour's, near enough).
  const kept = [...order];
  while (kept.length > room) {
    let drop = 1;
    let nearest = Infinity;
    for (let k = 1; k < kept.length - 1; k++) {
      const gap = Math.min(ends[kept[k]!]! - ends[kept[k - 1]!]!, ends[kept[k + 1]!]! - ends[kept[k]!]!);
      // The later run goes first at an equal gap: the runs ticked first keep their labels.
      if (gap < nearest || (gap === nearest && kept[k]! > kept[drop]!)) {
        nearest = gap;
        drop = k;
      }
    }
    kept.splice(drop, 1);
  }
  return kept.sort((a, b) => a - b);
}

/** Labels that all fit spread as near their ends as the others let them be (the centres, in the order of `ends`). */
function place(ends: readonly number[], labelHeight: number, height: number): number[] {
  const h = labelHeight;
  const order = ends.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  // Blocks of touching labels: `first` in `order`, `count` labels, the top label's centre at `top`.
  type Block = { first: number; count: number; sum: number; top: number };
  const blocks: Block[] = [];
  const lowest = (count: number) => Math.max(h / 2, height - h / 2 - (count - 1) * h);
  // The block's best top: its labels' mean offset from their ends (least squared move), then kept in the pane.
  const place = (b: Block) => {
    b.top = Math.min(Math.max(b.sum / b.count, h / 2), lowest(b.count));
  };
  order.forEach(({ y }, k) => {
    const block: Block = { first: k, count: 1, sum: y, top: y };
    place(block);
    blocks.push(block);
    // Merge upward while this block would overlap the one above it.
    for (;;) {
      const last = blocks[blocks.length - 1]!;
      const above = blocks[blocks.length - 2];
      if (!above || above.top + above.count * h <= last.top) break;
      // The lower block's labels sit above.count places further down in the merged block.
      above.sum += last.sum - above.count * h * last.count;
      above.count += last.count;
      blocks.pop();
      place(above);
    }
  });
  const out = new Array<number>(ends.length);
  for (const b of blocks) {
    for (let j = 0; j < b.count; j++) out[order[b.first + j]!.i] = b.top + j * h;
  }
  return out;
}
