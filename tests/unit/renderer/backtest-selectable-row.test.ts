// The runs' and searches' rows open what they list by keyboard too: Enter or Space on the focused row,
// not on its own checkbox or buttons.
import { describe, expect, it } from 'vitest';
import { selectableRow } from '../../../renderer/src/features/backtest/selectable-row.ts';

describe('selectableRow', () => {
  it('opens on a click, on Enter or Space on the row, and leaves other keys and its children\'s keys alone', () => {
    let opened = 0;
    const row = selectableRow(false, () => opened++);
    const self = {};
    const press = (key: string, target: object = self) => {
      let prevented = false;
      row.onKeyDown({ key, target: target as EventTarget, currentTarget: self as EventTarget & Element, preventDefault: () => (prevented = true) });
      return prevented;
    };
    row.onClick();
    expect(press('Enter')).toBe(true);
    // Space would scroll the page as well as open the row.
    expect(press(' ')).toBe(true);
    expect(press('a')).toBe(false);
    expect(press('Enter', { checkbox: true })).toBe(false);
    expect(opened).toBe(3);
    expect([row.tabIndex, row['aria-selected'], row.className]).toEqual([0, false, '']);
    expect(selectableRow(true, () => {}).className).toBe('is-selected');
  });
});
