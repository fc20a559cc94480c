// Ids of running strategies. The first run of a strategy is its name (sma-cross), as in a backtest; a
// second one running at the same time gets sma-cross#2, and so on. The id names the origin of its orders
// and its ledger (strategy:<id>), so two runs never share a position. An id is free again once its run
// stops: a later run under it takes over the ledger and the position it left (stopping closes nothing).
export function nextStrategyId(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const id = `${name}#${n}`;
    if (!taken.has(id)) return id;
  }
}
