// One lightweight-charts custom series that draws all lines of an indicator: Bollinger's three bands,
// MACD's histogram and two lines, and so on. The library redoes work in proportion to the number of
// bars for every series on every update, so an indicator costs one series, not one per line.
// Each data item carries the line values of one bar (NaN where a line has none: a gap) and, for
// histogram lines, the column colours.
import type { CustomData, CustomSeriesOptions, CustomSeriesWhitespaceData, ICustomSeriesPaneRenderer, ICustomSeriesPaneView, PaneRendererCustomData, PriceToCoordinateConverter, Time } from 'lightweight-charts';
import { customSeriesDefaultOptions } from 'lightweight-charts';

export interface LineStyleSpec {
  color: string;
  width: number;
  dashed: boolean;
  histogram: boolean;
}

export interface MultiLineData extends CustomData<Time> {
  values: readonly number[];
  /** Per-line column colours (histograms only). */
  colors?: readonly (string | undefined)[];
}

export interface MultiLineOptions extends CustomSeriesOptions {
  lines: readonly LineStyleSpec[];
  /** Which line's value is the series' current value (the price axis label). */
  labelLine: number;
}

type Target = Parameters<ICustomSeriesPaneRenderer['draw']>[0];

const isData = (d: MultiLineData | CustomSeriesWhitespaceData<Time>): d is MultiLineData => Array.isArray((d as MultiLineData).values);

class MultiLineRenderer implements ICustomSeriesPaneRenderer {
  private data: PaneRendererCustomData<Time, MultiLineData> | null = null;
  private options: MultiLineOptions | null = null;

  update(data: PaneRendererCustomData<Time, MultiLineData>, options: MultiLineOptions): void {
    this.data = data;
    this.options = options;
  }

  draw(target: Target, toY: PriceToCoordinateConverter): void {
    const data = this.data;
    const options = this.options;
    if (!data || !options || data.visibleRange === null || data.bars.length === 0) return;
    const { from, to } = data.visibleRange;
    target.useBitmapCoordinateSpace(({ context: ctx, horizontalPixelRatio: hr, verticalPixelRatio: vr }) => {
      options.lines.forEach((line, k) => {
        if (line.histogram) this.columns(ctx, data, k, line, toY, from, to, hr, vr);
        else this.polyline(ctx, data, k, line, toY, from, to, hr, vr);
      });
    });
  }

  private polyline(ctx: CanvasRenderingContext2D, data: PaneRendererCustomData<Time, MultiLineData>, k: number, line: LineStyleSpec, toY: PriceToCoordinateConverter, from: number, to: number, hr: number, vr: number): void {
    ctx.save();
    ctx.strokeStyle = line.color;
    ctx.lineWidth = Math.max(1, Math.floor(line.width * vr));
    ctx.lineJoin = 'round';
    ctx.setLineDash(line.dashed ? [4 * hr, 3 * hr] : []);
    ctx.beginPath();
    let open = false;
    // Only the visible bars: the library positions no others for a custom series (they keep stale
    // x coordinates from earlier frames), so a line stops at the last bar fully on screen.
    for (let i = from; i < Math.min(data.bars.length, to); i++) {
      const bar = data.bars[i]!;
      const v = isData(bar.originalData) ? bar.originalData.values[k] : undefined;
      const y = v === undefined || v !== v ? null : toY(v);
      if (y === null || !Number.isFinite(bar.x)) {
        open = false;
        continue;
      }
      const x = bar.x * hr;
      if (open) ctx.lineTo(x, y * vr);
      else ctx.moveTo(x, y * vr);
      open = true;
    }
    ctx.stroke();
    ctx.restore();
  }

  private columns(ctx: CanvasRenderingContext2D, data: PaneRendererCustomData<Time, MultiLineData>, k: number, line: LineStyleSpec, toY: PriceToCoordinateConverter, from: number, to: number, hr: number, vr: number): void {
    const zero = toY(0);
    if (zero === null) return;
    const base = Math.round(zero * vr);
    const width = Math.max(1, Math.floor(data.barSpacing * hr * 0.7));
    for (let i = from; i < Math.min(data.bars.length, to); i++) {
      const bar = data.bars[i]!;
      if (!isData(bar.originalData) || !Number.isFinite(bar.x)) continue;
      const v = bar.originalData.values[k];
      const y = v === undefined || v !== v ? null : toY(v);
      if (y === null) continue;
      const top = Math.round(y * vr);
      ctx.fillStyle = bar.originalData.colors?.[k] ?? line.color;
      ctx.fillRect(Math.round(bar.x * hr - width / 2), Math.min(top, base), width, Math.max(1, Math.abs(base - top)));
    }
  }
}

export class MultiLineSeries implements ICustomSeriesPaneView<Time, MultiLineData, MultiLineOptions> {
  private readonly painter = new MultiLineRenderer();

  renderer(): ICustomSeriesPaneRenderer {
    return this.painter;
  }

  update(data: PaneRendererCustomData<Time, MultiLineData>, options: MultiLineOptions): void {
    this.painter.update(data, options);
  }

  /** Lowest, highest and current value of the bar, for the price scale; histograms count from zero. */
  priceValueBuilder(row: MultiLineData): number[] {
    let low = Infinity;
    let high = -Infinity;
    for (const v of row.values) {
      if (v !== v) continue;
      if (v < low) low = v;
      if (v > high) high = v;
    }
    if (low === Infinity) return [];
    return [low, high, row.values[this.labelLine] ?? high];
  }

  isWhitespace(data: MultiLineData | CustomSeriesWhitespaceData<Time>): data is CustomSeriesWhitespaceData<Time> {
    return !isData(data) || data.values.every((v) => v !== v);
  }

  defaultOptions(): MultiLineOptions {
    return { ...customSeriesDefaultOptions, lines: [], labelLine: 0 };
  }

  /** Set from the series' options when it is created (priceValueBuilder has no options argument). */
  labelLine = 0;
}
