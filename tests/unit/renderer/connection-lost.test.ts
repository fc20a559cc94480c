// The banner a page shows when its link to Keel closes: a page the server let go for falling behind its
// events (Keel still running) offers a reload; a Keel that went away says to start it again.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FELL_BEHIND_CLOSE } from '../../../shared/bridge/protocol.ts';
import { ConnectionLostBanner } from '../../../renderer/src/app/ConnectionLost.tsx';

const banner = (status: 'connected' | 'closed', closeReason: string | null) => renderToStaticMarkup(createElement(ConnectionLostBanner, { status, closeReason }));

describe('the connection-lost banner', () => {
  it('is absent while connected', () => {
    expect(banner('connected', null)).toBe('');
  });

  it('offers a reload to a page that fell behind, and does not tell the trader to start Keel again', () => {
    const html = banner('closed', FELL_BEHIND_CLOSE.reason);
    expect(html).toContain('data-reason="fell-behind"');
    expect(html).toContain('Keel is still running');
    expect(html).toContain('data-testid="connection-reload"');
    expect(html).not.toContain('keel serve');
  });

  it('says to start keel serve again when Keel went away', () => {
    const html = banner('closed', 'Keel is shutting down');
    expect(html).toContain('Connection to Keel lost (Keel is shutting down)');
    expect(html).toContain('<code>keel serve</code>');
    expect(html).not.toContain('connection-reload');
  });
});
