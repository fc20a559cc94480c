// An example of tags: a strategy with two ways in and two ways out, each order tagged with its reason, so
// the reports break its trades down by them (docs/backtest.md, Tags, shows its tables over 2021 to 2023:
// `keel backtest --strategy examples/strategies/two-doors.ts --data FILE --from 2021-01-01 --to 2023-12-31
// --mode aggressive --rearm-after 7`). It buys an RSI dip or a break of the 20-bar high, and sells when the
// RSI runs hot or the close breaks the 10-bar low.

export default {
  name: 'two-doors',
  description: 'Long on an RSI dip or a 20-bar breakout; out when the RSI runs hot or the close breaks the 10-bar low',
  params: {},
  indicators: () => [
    { name: 'rsi', params: { period: 14 } },
    { name: 'donchian', params: { period: 20 }, output: 'upper' },
    { name: 'donchian', params: { period: 10 }, output: 'lower' },
  ],
  create(_p, ctx) {
    const [rsi, upper, lower] = ctx.indicators;
    return {
      onBar(bar) {
        if (ctx.hasOpenOrders()) return;
        if (ctx.position() === 0) {
          // The channels of the bars before this one: a breakout is judged against them.
          const tag = rsi.ago(0) < 30 ? 'rsi<30' : bar.c > upper.ago(1) ? 'breakout' : null;
          const qty = tag ? ctx.maxBuyQty(bar.c) : 0;
          if (qty > 0) ctx.buy(qty, { tag });
        } else if (rsi.ago(0) > 70) ctx.closePosition('rsi>70');
        else if (bar.c < lower.ago(1)) ctx.closePosition('channel low');
      },
    };
  },
};
