// The trading keys: which presses fire, and that none fires while typing or with other modifiers.
import { describe, expect, it } from 'vitest';
import { isTyping, shortcutFor, SHORTCUTS, type KeyPress } from '../../../renderer/src/features/ticket/shortcuts.ts';

const press = (patch: Partial<KeyPress>): KeyPress => ({ key: 'B', code: 'KeyB', shiftKey: true, ctrlKey: false, altKey: false, metaKey: false, repeat: false, target: { tagName: 'BODY' }, ...patch });

describe('trading shortcuts', () => {
  it('Shift+B buys, Shift+S sells, Shift+X cancels all', () => {
    expect(shortcutFor(press({}))).toBe('buy');
    expect(shortcutFor(press({ key: 'S', code: 'KeyS' }))).toBe('sell');
    expect(shortcutFor(press({ key: 'X', code: 'KeyX' }))).toBe('cancelAll');
    expect(SHORTCUTS.map((s) => s.keys)).toEqual(['Shift+B', 'Shift+S', 'Shift+X']);
  });

  it('goes by the letter, and by key position on a non-Latin layout', () => {
    // AZERTY-style: the key labelled B sits elsewhere, the letter decides.
    expect(shortcutFor(press({ key: 'B', code: 'KeyN' }))).toBe('buy');
    // Russian layout: Shift+И is the B key.
    expect(shortcutFor(press({ key: 'И', code: 'KeyB' }))).toBe('buy');
    expect(shortcutFor(press({ key: 'Q', code: 'KeyQ' }))).toBeNull();
  });

  it('needs Shift alone, and fires once per press', () => {
    expect(shortcutFor(press({ shiftKey: false, key: 'b' }))).toBeNull();
    expect(shortcutFor(press({ ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press({ altKey: true }))).toBeNull();
    expect(shortcutFor(press({ metaKey: true }))).toBeNull();
    expect(shortcutFor(press({ repeat: true }))).toBeNull();
  });

  it('does not fire while typing in a box', () => {
    for (const target of [{ tagName: 'INPUT', type: 'text' }, { tagName: 'input' }, { tagName: 'TEXTAREA' }, { tagName: 'SELECT' }, { tagName: 'DIV', isContentEditable: true }]) {
      expect(isTyping(target)).toBe(true);
      expect(shortcutFor(press({ target }))).toBeNull();
    }
    // A ticked checkbox or a focused button is not typing.
    for (const target of [{ tagName: 'INPUT', type: 'checkbox' }, { tagName: 'BUTTON' }, null]) {
      expect(isTyping(target)).toBe(false);
      expect(shortcutFor(press({ target }))).toBe('buy');
    }
  });
});
