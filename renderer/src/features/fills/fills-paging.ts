// "Load older" in the fills tab: the next page of the journal's fills before the oldest shown, keyed by
// its (time, id) so the engine's page starts right after it: nothing skipped, nothing twice.
import type { Api } from '../../../../shared/contract/index.ts';
import type { Fill } from '../../../../shared/trading/orders.ts';
import { reportError } from '../../state/notices-store.ts';
import { whileAccountStays } from '../orders/account-scope.ts';
import { applyFills, useFills, type FillsState } from './fills-store.ts';

/** How many fills one read asks for: at start and at each "Load older". */
export const FILLS_PAGE = 200;

export async function loadOlderFills(api: Api): Promise<void> {
  const { fills, olderLeft, loadingOlder } = useFills.getState();
  const oldest = fills.at(-1);
  if (loadingOlder || !olderLeft || oldest === undefined) return;
  useFills.setState({ loadingOlder: true });
  // Asked for this account: dropped if the trader switches accounts while it travels.
  const apply = whileAccountStays((answer: { fills: Fill[] }) => applyFills(answer.fills, { pageSize: FILLS_PAGE, older: true }));
  try {
    apply(await api.commands['trading.fills']({ limit: FILLS_PAGE, before: { ts: oldest.ts, id: oldest.id } }));
  } catch (err) {
    reportError('Load older fills', err);
  } finally {
    useFills.setState({ loadingOlder: false });
  }
}

/** What the tab says of its list: "Newest 400 fills shown", or "All 450 fills shown" once none are older. */
export function shownText(s: Pick<FillsState, 'fills' | 'olderLeft'>): string {
  const n = s.fills.length;
  return `${s.olderLeft ? 'Newest' : 'All'} ${n} fill${n === 1 ? '' : 's'} shown`;
}
