// A table row that opens what it lists below the table, by mouse or keyboard: a click, or Enter or Space
// while the row has focus. Without the keys a keyboard-only trader could open no run or search but the
// newest. Keys on the row's own checkbox and buttons stay theirs.
import type { KeyboardEvent } from 'react';

export interface SelectableRowProps {
  className: string;
  'aria-selected': boolean;
  tabIndex: 0;
  onClick: () => void;
  onKeyDown: (e: Pick<KeyboardEvent, 'key' | 'target' | 'currentTarget' | 'preventDefault'>) => void;
}

export function selectableRow(selected: boolean, select: () => void): SelectableRowProps {
  return {
    className: selected ? 'is-selected' : '',
    'aria-selected': selected,
    tabIndex: 0,
    onClick: select,
    onKeyDown: (e) => {
      if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
      e.preventDefault();
      select();
    },
  };
}
