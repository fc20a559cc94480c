// Where the equity chart's end labels go (the value each run ended at, on the price axis beside its curve's
// end). lightweight-charts' own last-value labels are spread only while they fit the pane: a dozen runs
// ending near one value ran them past the pane's edge and over one another, a label far from its curve.
// These are spread here instead: each as near its curve's end as the others let it be, never two closer
// than a label's height, in the order of the curves' ends (top to bottom; at equal values, the curves'
// order). Runs of labels that would touch move as one block centred on their curves' ends, kept in the pane
// while it has room; when it has none they go on below it rather than overlap.

/**
 * The centre of each label, in the order of `ends` (the y of each curve's end, pixels down from the pane's
 * top), at least `labelHeight` apart and inside `0..height` when they fit.
 */
export function spreadLabels(ends: readonly number[], labelHeight: number, height: number): number[] {
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
