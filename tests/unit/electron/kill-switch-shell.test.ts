// The tray and shortcut wiring with fakes: what the menu offers, what each control does, and that one
// failing (no tray, a taken shortcut) leaves the other working.
import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { installKillSwitchShell, KILL_SHORTCUT, trayMenu, type KillOutcome, type KillSwitchStatus, type MenuItemLike } from '../../../electron/main/kill-switch-shell.ts';

function fakes(options: { trayFails?: boolean; shortcutTaken?: boolean; outcome?: () => KillOutcome } = {}) {
  const kills: [boolean, string][] = [];
  const alerts: string[] = [];
  const shortcuts = new Map<string, () => void>();
  const tray = { tooltip: '', menu: [] as MenuItemLike[], destroyed: false, setToolTip(t: string) { this.tooltip = t; }, setContextMenu(m: unknown) { this.menu = m as MenuItemLike[]; }, destroy() { this.destroyed = true; } };
  let listener: ((s: KillSwitchStatus) => void) | null = null;
  const log = memoryLogger();
  const uninstall = installKillSwitchShell({
    createTray: () => {
      if (options.trayFails) throw new Error('no system tray');
      return tray;
    },
    buildMenu: (t) => t,
    globalShortcut: {
      register: (a, fn) => (options.shortcutTaken ? false : (shortcuts.set(a, fn), true)),
      unregister: (a) => void shortcuts.delete(a),
    },
    kill: async (flatten, via) => {
      kills.push([flatten, via]);
      return options.outcome?.() ?? { cancelled: 0, flattened: 0, failures: [] };
    },
    alert: (title, body) => void alerts.push(`${title}: ${body}`),
    status: async () => ({ status: 'halted', engaged: true }),
    onStatus: (l) => ((listener = l), () => (listener = null)),
    log,
  });
  return { kills, alerts, shortcuts, tray, log, uninstall, push: (s: KillSwitchStatus) => listener?.(s) };
}

describe('the kill switch in the tray and on a shortcut', () => {
  it('offers cancel-all and cancel-and-flatten, and says the state', async () => {
    const f = fakes();
    await Promise.resolve();
    expect(f.tray.tooltip).toBe('Keel: kill switch engaged');
    expect(f.tray.menu.map((i) => i.label ?? '---')).toEqual([
      'Kill switch engaged: re-arm in Keel',
      '---',
      'Kill switch: cancel all orders',
      'Kill switch: cancel all and flatten positions',
      '---',
      expect.stringMatching(/^Shortcut: (Ctrl|Cmd)\+Alt\+Shift\+K \(cancel all\)$/),
    ]);
    f.tray.menu[3]!.click!();
    f.shortcuts.get(KILL_SHORTCUT)!();
    expect(f.kills).toEqual([
      [true, 'tray'],
      [false, 'shortcut'],
    ]);
    f.push({ status: 'error', engaged: true });
    expect(f.tray.menu[0]!.label).toBe('Trading halted: exchange circuit breaker open');
    f.uninstall();
    expect(f.shortcuts.size).toBe(0);
    expect(f.tray.destroyed).toBe(true);
  });

  it('keeps the shortcut without a tray, and the tray without the shortcut', () => {
    const noTray = fakes({ trayFails: true });
    noTray.shortcuts.get(KILL_SHORTCUT)!();
    expect(noTray.kills).toEqual([[false, 'shortcut']]);
    expect(noTray.log.lines.join('\n')).toMatch(/no tray icon for the kill switch \(no system tray\)/);
    const taken = fakes({ shortcutTaken: true });
    expect(taken.log.lines.join('\n')).toMatch(/is taken by another application/);
    taken.tray.menu[2]!.click!();
    expect(taken.kills).toEqual([[false, 'tray']]);
  });

  // The panic controls are pressed without the window in sight: a pull that left live orders behind, or
  // failed outright, was only in the panel's risk log (and the tray still read "kill switch engaged").
  it('says outside the window when a pull left something behind or failed', async () => {
    const ok = fakes();
    ok.shortcuts.get(KILL_SHORTCUT)!();
    await vi.waitFor(() => expect(ok.kills).toHaveLength(1));
    await Promise.resolve();
    expect(ok.alerts).toEqual([]);

    const failures = ['live binance:main: cancel o1: binance GET /api/v3/order 503', 'live binance:main: cancel o2: timed out', 'x', 'y'];
    const partial = fakes({ outcome: () => ({ cancelled: 3, flattened: 1, failures }) });
    partial.tray.menu[3]!.click!();
    await vi.waitFor(() => expect(partial.alerts).toHaveLength(1));
    expect(partial.alerts[0]).toBe(
      'Keel: the kill switch did not finish: 3 orders cancelled, 1 position closing; could not: live binance:main: cancel o1: binance GET /api/v3/order 503; live binance:main: cancel o2: timed out; x and 1 more (the risk log in Keel has them all). Check the exchange for orders still open.',
    );
    expect(partial.log.lines.join('\n')).toMatch(/ERROR \[risk\] the kill switch from the tray could not do everything: .*cancel o2: timed out/);

    const broken = fakes({
      outcome: () => {
        throw new Error('the journal is closed');
      },
    });
    broken.shortcuts.get(KILL_SHORTCUT)!();
    await vi.waitFor(() => expect(broken.alerts).toHaveLength(1));
    expect(broken.alerts[0]).toBe('Keel: the kill switch failed: the journal is closed. Nothing may have been cancelled: open Keel, or run keel kill in a terminal.');
  });

  it('builds the menu for each state', () => {
    expect(trayMenu({ status: 'ok', engaged: false }, () => {})[0]!.label).toBe('Trading armed');
  });
});
