import { describe, expect, it } from 'vitest';
import { defaultDataDir, journalPath } from '../../../electron/app/data-dir.ts';

describe('defaultDataDir', () => {
  it('follows XDG on Linux', () => {
    expect(defaultDataDir({ platform: 'linux', env: {}, home: '/home/ann' })).toBe('/home/ann/.local/share/keel');
    expect(defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: '/data/ann' }, home: '/home/ann' })).toBe('/data/ann/keel');
    // The XDG spec: a relative XDG_DATA_HOME is ignored.
    expect(defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: 'rel/dir' }, home: '/home/ann' })).toBe('/home/ann/.local/share/keel');
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir({ platform: 'darwin', env: {}, home: '/Users/ann' })).toBe('/Users/ann/Library/Application Support/Keel');
  });

  it('uses %APPDATA% on Windows', () => {
    expect(defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, home: 'C:\\Users\\ann' })).toBe('C:\\Users\\ann\\AppData\\Roaming\\Keel');
    expect(defaultDataDir({ platform: 'win32', env: {}, home: 'C:\\Users\\ann' })).toBe('C:\\Users\\ann\\AppData\\Roaming\\Keel');
  });

  it('puts the journal in the data dir', () => {
    expect(journalPath('/data/keel')).toBe('/data/keel/journal.sqlite');
  });
});
