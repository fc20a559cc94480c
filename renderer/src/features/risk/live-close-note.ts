// Closing positions at a loss limit (closeOnLossLimit) on a live account: a breach then sends market orders
// to the exchange, unattended, at whatever the book pays. On paper that costs nothing; live it is real
// money at a moment the market is moving against the account, so the box says so under it while live, and
// turning it on there asks first, as disarming does.

/** The line under the box while a live account is armed; null on paper. */
export function liveCloseNote(account: string | null, on: boolean): string | null {
  if (account === null) return null;
  return on
    ? `On ${account}, a daily-loss or drawdown breach sends market orders to the exchange that close every open position.`
    : `Ticked, a daily-loss or drawdown breach on ${account} would send market orders to the exchange that close every open position.`;
}

/** The question asked before turning it on for a live account. */
export function liveCloseQuestion(account: string): string {
  return `Close every open position on ${account} with market orders when a daily-loss or drawdown limit is breached? Keel will send them to the exchange without asking, at the prices the book gives then.`;
}
