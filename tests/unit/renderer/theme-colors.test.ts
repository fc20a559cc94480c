// theme.css cannot import the palette, so its colour variables are written twice: there and in
// styles/theme-colors.ts (from shared/backtest/palette.ts). A change to one alone fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { THEME_COLORS } from '../../../renderer/src/styles/theme-colors.ts';

const css = readFileSync(new URL('../../../renderer/src/styles/theme.css', import.meta.url), 'utf8');
const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
const vars = Object.fromEntries([...root.matchAll(/(--[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1]!, m[2]!.toLowerCase()]));

describe("theme.css's colours", () => {
  it('equal the palette, variable by variable', () => {
    expect(vars).toEqual(Object.fromEntries(Object.entries(THEME_COLORS).map(([k, v]) => [k, v.toLowerCase()])));
  });
});
