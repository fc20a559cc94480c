// The arming dialog's steps (shared/contract/commands/trading-mode.ts): refresh which accounts have a key,
// pick one, read its balance from the exchange, have the account name typed back, arm. Disarm goes back
// to paper. Every failure is kept with its code and message for the dialog to show. When arming found what
// Keel did not do (orders placed elsewhere, balances it did not expect), the dialog stays open on them
// after arming until the trader has read them; the mode switch offers them again while live.
import { create } from 'zustand';
import type { LiveFindings, TradingMode } from '../../../../../shared/contract/commands/trading-mode.ts';
import type { Api, CommandResponse } from '../../../../../shared/contract/index.ts';
import type { KeelErrorData } from '../../../../../shared/contract/errors.ts';
import { toErrorData } from '../../../state/error-data.ts';
import { switchTradingMode } from '../../orders/trading-feed.ts';
import { hasFindings } from './findings.ts';

export type ArmPreview = CommandResponse<'trading.armPreview'>;

interface ArmingState {
  open: boolean;
  /** Accounts with an API key stored; null while asking. */
  accounts: string[] | null;
  /** Why the keychain could not be read: the accounts are unknown, not none. */
  keychainError: string | null;
  account: string | null;
  preview: ArmPreview | null;
  typed: string;
  busy: 'accounts' | 'preview' | 'arm' | 'disarm' | 'acknowledge' | null;
  error: KeelErrorData | null;
  /** Armed, with findings to read: the dialog shows them instead of the arming steps. */
  armed: TradingMode | null;
}

const CLOSED: ArmingState = { open: false, accounts: null, keychainError: null, account: null, preview: null, typed: '', busy: null, error: null, armed: null };

export const useArming = create<ArmingState>()(() => CLOSED);

/** Arming needs the name typed exactly (surrounding spaces aside), as the engine checks it. */
export function confirmMatches(typed: string, confirmText: string | undefined): boolean {
  return confirmText !== undefined && confirmText !== '' && typed.trim() === confirmText;
}

export async function openArming(api: Api): Promise<void> {
  useArming.setState({ ...CLOSED, open: true, busy: 'accounts' });
  try {
    const mode = await api.commands['trading.mode']({});
    switchTradingMode(api, mode);
    useArming.setState({ accounts: mode.accounts, keychainError: mode.keychainError ?? null, busy: null });
    // One account: nothing to pick, read its balance at once.
    if (mode.accounts.length === 1) await chooseAccount(api, mode.accounts[0]!);
  } catch (err) {
    useArming.setState({ accounts: [], busy: null, error: toErrorData(err) });
  }
}

export function closeArming(): void {
  useArming.setState(CLOSED);
}

export async function chooseAccount(api: Api, account: string): Promise<void> {
  useArming.setState({ account, preview: null, typed: '', busy: 'preview', error: null });
  try {
    const preview = await api.commands['trading.armPreview']({ account });
    if (useArming.getState().account === account) useArming.setState({ preview, busy: null });
  } catch (err) {
    if (useArming.getState().account === account) useArming.setState({ busy: null, error: toErrorData(err) });
  }
}

export async function armLive(api: Api): Promise<void> {
  const { account, typed, preview } = useArming.getState();
  if (account === null || !confirmMatches(typed, preview?.confirmText)) return;
  useArming.setState({ busy: 'arm', error: null });
  try {
    const { balances: _balances, ...mode } = await api.commands['trading.arm']({ account, confirm: typed });
    switchTradingMode(api, mode);
    if (hasFindings(mode.findings)) useArming.setState({ busy: null, armed: mode });
    else closeArming();
  } catch (err) {
    useArming.setState({ busy: null, error: toErrorData(err) });
  }
}

/** While live: the dialog again, on what the account's reconciliation and cancels found. */
export function showFindings(mode: TradingMode): void {
  useArming.setState({ ...CLOSED, open: true, account: mode.account, armed: mode });
}

/**
 * The trader says the drift shown is theirs (a deposit, a withdrawal): the engine takes the exchange's
 * balances as right, and the findings (here and at the next arming) no longer list it. A refusal stays shown.
 */
export async function acknowledgeDrift(api: Api, shown: LiveFindings['balanceDrift']): Promise<void> {
  const account = useArming.getState().armed?.account;
  if (!account) return;
  // The drift the dialog shows (the findings as they are now): the engine refuses if a reconciliation has
  // found other drift since, rather than take what the trader never saw as theirs.
  const seen = shown.map((d) => ({ asset: d.asset, exchange: d.exchange }));
  useArming.setState({ busy: 'acknowledge', error: null });
  try {
    const mode = await api.commands['trading.acknowledgeDrift']({ account, seen });
    switchTradingMode(api, mode);
    useArming.setState({ busy: null, armed: mode });
  } catch (err) {
    useArming.setState({ busy: null, error: toErrorData(err) });
  }
}

/** Back to paper; returns the failure, if any, for the caller to show. */
export async function disarmLive(api: Api): Promise<KeelErrorData | null> {
  try {
    switchTradingMode(api, await api.commands['trading.disarm']({}));
    return null;
  } catch (err) {
    return toErrorData(err);
  }
}
