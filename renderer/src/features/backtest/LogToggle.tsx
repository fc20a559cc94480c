// The "Log" toggle beside a backtest chart's title (log-scale.ts decides what it shows), and the user's flip
// of it, which holds while the same thing is drawn and gives way to the rule again when that changes.
import { useCallback, useState } from 'react';
import type { LogScale } from './log-scale.ts';

/**
 * The user's choice for the chart drawing `drawnKey` (null while they have not flipped it for that): a
 * flip made for other runs is forgotten once those runs are no longer what the chart draws.
 */
export function useLogChoice(drawnKey: string): [boolean | null, (on: boolean) => void] {
  const [flip, setFlip] = useState<{ key: string; on: boolean } | null>(null);
  // Forgotten, not kept aside: drawing other runs and coming back to these, the rule decides again. Set in
  // render, as React allows for state that follows a prop (it renders again before committing).
  if (flip !== null && flip.key !== drawnKey) setFlip(null);
  const choice = flip !== null && flip.key === drawnKey ? flip.on : null;
  const set = useCallback((on: boolean) => setFlip({ key: drawnKey, on }), [drawnKey]);
  return [choice, set];
}

export function LogToggle({ scale, onFlip, testId }: { scale: LogScale; onFlip: (on: boolean) => void; testId: string }) {
  return (
    <button
      type="button"
      className={`bt-log-toggle ${scale.on ? 'is-on' : ''}`}
      data-testid={testId}
      data-auto={scale.auto}
      aria-pressed={scale.on}
      // Not `disabled`: a disabled button takes no focus, and its title (why it is off) would go unread.
      aria-disabled={!scale.possible}
      title={scale.title}
      onClick={() => scale.possible && onFlip(!scale.on)}
    >
      Log
    </button>
  );
}
