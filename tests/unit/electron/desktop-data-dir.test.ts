import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopDataDir } from '../../../electron/main/desktop-data-dir.ts';

const cwd = path.resolve('/home/trader');
const fallback = () => path.resolve('/home/trader/.local/share/keel');

describe('desktop data directory', () => {
  it('follows the CLI: --data-dir, then KEEL_DATA_DIR, then the platform default', () => {
    expect(desktopDataDir({ argv: ['electron', '.'], env: {}, cwd, fallback })).toBe(fallback());
    expect(desktopDataDir({ argv: ['electron', '.'], env: { KEEL_DATA_DIR: '/data/keel' }, cwd, fallback })).toBe(path.resolve('/data/keel'));
    expect(desktopDataDir({ argv: ['keel', '--data-dir=/x'], env: { KEEL_DATA_DIR: '/data/keel' }, cwd, fallback })).toBe(path.resolve('/x'));
    expect(desktopDataDir({ argv: ['keel', '--data-dir', 'scratch'], env: {}, cwd, fallback })).toBe(path.join(cwd, 'scratch'));
  });

  it('ignores an empty value and a flag with nothing after it', () => {
    expect(desktopDataDir({ argv: ['keel', '--data-dir='], env: { KEEL_DATA_DIR: '' }, cwd, fallback })).toBe(fallback());
    expect(desktopDataDir({ argv: ['keel', '--data-dir'], env: {}, cwd, fallback })).toBe(fallback());
  });
});
