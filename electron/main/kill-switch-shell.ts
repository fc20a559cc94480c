// The kill switch where it must work while the window hangs: a tray icon with a menu and a global keyboard
// shortcut, both registered by the main process. The main process runs the engine (createKeel), so a click
// or the shortcut goes straight into the dispatcher: no renderer, no IPC. Typed against small structural
// interfaces (as ipc.ts is), so tests/unit/electron/kill-switch-shell.test.ts drives it with fakes.
import type { Logger } from '../app/logger.ts';
import { capitalized, countOf } from '../../shared/domain/plural.ts';

/** Pull the kill switch from anywhere: Ctrl+Alt+Shift+K (Cmd on macOS). Hard to press by accident. */
export const KILL_SHORTCUT = 'CommandOrControl+Alt+Shift+K';

/** A 16×16 red disc with a white bar, so the packaged app needs no icon file for the tray. */
export const TRAY_ICON_DATA_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAANUlEQVR42mNgoDY4IafxHx+mSDNeQ4jVjNUQUjVjGEI1A4gFw9mAgYsFihMSVZIyVTITOQAAormuJMKEo4QAAAAASUVORK5CYII=';

export interface MenuItemLike {
  label?: string;
  type?: 'normal' | 'separator';
  enabled?: boolean;
  click?: () => void;
}

export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  destroy(): void;
}

export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface KillSwitchStatus {
  status: 'ok' | 'halted' | 'error';
  engaged: boolean;
}

/** What a pull did, as `risk.kill` answers it: the failures name what could not be cancelled or closed. */
export interface KillOutcome {
  cancelled: number;
  flattened: number;
  failures: string[];
}

export interface KillSwitchShellDeps {
  createTray: () => TrayLike;
  buildMenu: (template: MenuItemLike[]) => unknown;
  globalShortcut: GlobalShortcutLike;
  /** Pulls the kill switch (through the dispatcher); `via` says which control was used. */
  kill: (flatten: boolean, via: 'tray' | 'shortcut') => Promise<KillOutcome>;
  /**
   * Tells the user outside the window (a desktop notification). The tray and the shortcut are pressed
   * without the window in sight, often because it hangs: a pull that failed, or left orders or positions
   * behind, must say so where the user is looking, not only in the panel's log.
   */
  alert: (title: string, body: string) => void;
  status: () => Promise<KillSwitchStatus>;
  /** Subscribes to status changes (the bus's risk.state); returns the unsubscribe. */
  onStatus: (listener: (s: KillSwitchStatus) => void) => () => void;
  log: Logger;
}

/** The tray menu for a status: what is going on, then the two ways to pull the switch. */
export function trayMenu(s: KillSwitchStatus, kill: (flatten: boolean) => void): MenuItemLike[] {
  const headline = s.status === 'error' ? 'Trading halted: exchange circuit breaker open' : s.engaged ? 'Kill switch engaged: re-arm in Keel' : 'Trading armed';
  return [
    { label: headline, enabled: false },
    { type: 'separator' },
    { label: 'Kill switch: cancel all orders', click: () => kill(false) },
    { label: 'Kill switch: cancel all and flatten positions', click: () => kill(true) },
    { type: 'separator' },
    { label: `Shortcut: ${KILL_SHORTCUT.replace('CommandOrControl', process.platform === 'darwin' ? 'Cmd' : 'Ctrl')} (cancel all)`, enabled: false },
  ];
}

/** Most failures to show in a notification; the risk log in the panel has them all. */
const SHOWN_FAILURES = 3;

/** A pull that left something behind, in words: what it did, then what it could not do. */
export function pullProblems(o: KillOutcome): string {
  const done = `${capitalized(countOf(o.cancelled, 'order'))} cancelled${o.flattened ? `, ${countOf(o.flattened, 'position')} closing` : ''}`;
  const shown = o.failures.slice(0, SHOWN_FAILURES).join('; ');
  const more = o.failures.length > SHOWN_FAILURES ? ` and ${o.failures.length - SHOWN_FAILURES} more (the risk log in Keel has them all)` : '';
  return `${done}; could not: ${shown}${more}. Check the exchange for orders still open.`;
}

/**
 * Installs the tray and the shortcut. Either may be unavailable (no system tray, a shortcut another app
 * holds, a desktop portal that refuses it): that is logged and the other still works. Returns the uninstall.
 */
export function installKillSwitchShell(deps: KillSwitchShellDeps): () => void {
  const { log } = deps;
  const pull = (flatten: boolean, via: 'tray' | 'shortcut') => {
    log.warn('risk', `kill switch pulled from the ${via}${flatten ? ' (flatten)' : ''}`);
    deps.kill(flatten, via).then(
      (outcome) => {
        if (outcome.failures.length === 0) return;
        log.error('risk', `the kill switch from the ${via} could not do everything: ${outcome.failures.join('; ')}`);
        tell('Keel: the kill switch did not finish', pullProblems(outcome));
      },
      (err: unknown) => {
        log.error('risk', `the kill switch from the ${via} failed`, err);
        tell('Keel: the kill switch failed', `${err instanceof Error ? err.message : String(err)}. Nothing may have been cancelled: open Keel, or run keel kill in a terminal.`);
      },
    );
  };
  const tell = (title: string, body: string) => {
    try {
      deps.alert(title, body);
    } catch (err) {
      log.warn('risk', `could not show a desktop notification (${err instanceof Error ? err.message : String(err)})`);
    }
  };
  let tray: TrayLike | null = null;
  const show = (s: KillSwitchStatus) => {
    if (!tray) return;
    tray.setToolTip(`Keel: ${s.status === 'ok' ? 'trading armed' : s.status === 'halted' ? 'kill switch engaged' : 'exchange circuit breaker open'}`);
    tray.setContextMenu(deps.buildMenu(trayMenu(s, (flatten) => pull(flatten, 'tray'))));
  };
  try {
    tray = deps.createTray();
    show({ status: 'ok', engaged: false });
    deps.status().then(show, (err: unknown) => log.warn('risk', `could not read the risk state for the tray: ${String(err)}`));
  } catch (err) {
    log.warn('risk', `no tray icon for the kill switch (${err instanceof Error ? err.message : String(err)}); the shortcut and the app still have it`);
  }
  const unsubscribe = deps.onStatus(show);
  let shortcut = false;
  try {
    shortcut = deps.globalShortcut.register(KILL_SHORTCUT, () => pull(false, 'shortcut'));
    if (!shortcut) log.warn('risk', `the kill switch shortcut ${KILL_SHORTCUT} is taken by another application; use the tray or the app`);
  } catch (err) {
    log.warn('risk', `the kill switch shortcut could not be registered (${err instanceof Error ? err.message : String(err)})`);
  }
  return () => {
    unsubscribe();
    if (shortcut) deps.globalShortcut.unregister(KILL_SHORTCUT);
    tray?.destroy();
    tray = null;
  };
}
