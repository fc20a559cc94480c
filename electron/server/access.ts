// Who may talk to `keel serve`: a page or client that holds this run's token, on the loopback host
// Keel bound to, from Keel's own origin. Pure functions, so each rule has its own test.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { TOKEN_COOKIE, TOKEN_PARAM } from '../../shared/bridge/protocol.ts';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The token a request carries, from the query string first, then the cookie set on the first visit. */
export function requestToken(url: URL, cookieHeader: string | undefined): string | null {
  return url.searchParams.get(TOKEN_PARAM) ?? cookieValue(cookieHeader, TOKEN_COOKIE);
}

/** The origins Keel's own page has when served on this port. */
export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * A Host header naming anything but the loopback address we bound is refused: that is what a DNS-rebinding
 * page would send after pointing its own name at 127.0.0.1.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin !== undefined && allowedOrigins(port).includes(origin);
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
