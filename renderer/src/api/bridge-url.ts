// Where the browser bridge lives, worked out from the page's own URL. Pure, so it is unit-tested.
import { BRIDGE_PATH, TOKEN_PARAM } from '../../../shared/bridge/protocol.ts';

/** The access token `keel serve` printed in its URL, or null when the page was opened without one. */
export function readToken(search: string): string | null {
  const token = new URLSearchParams(search).get(TOKEN_PARAM);
  return token && token.trim() !== '' ? token : null;
}

/**
 * The bridge WebSocket URL on the page's own origin (so the CSP's connect-src 'self' covers it).
 * The token rides in the URL even though `keel serve` also sets a cookie: the server checks it on upgrade.
 */
export function bridgeUrl(page: { protocol: string; host: string }, token: string): string {
  const scheme = page.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${page.host}${BRIDGE_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}
