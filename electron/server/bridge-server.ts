// `keel serve`'s server: the built renderer over HTTP and the Api over a WebSocket, on 127.0.0.1 only.
// Every request needs this run's token; the WebSocket also needs Keel's own Origin. Frames that are
// not JSON, not a call, too large or not in the contract get a typed error back, and the server stays up.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { BRIDGE_PATH, CallFrameSchema, FELL_BEHIND_CLOSE, MAX_FRAME_BYTES, type ReplyFrame } from '../../shared/bridge/protocol.ts';
import { issuesOf } from '../app/dispatch.ts';
import type { Keel } from '../app/keel.ts';
import type { Logger } from '../app/logger.ts';
import { isAllowedHost, isAllowedOrigin, newToken, requestToken, tokenCookie, tokensEqual } from './access.ts';
import { REFUSAL_HEADERS, SECURITY_HEADERS } from './security-headers.ts';
import { sendStatic } from './static-files.ts';
import { resolveUiPath } from '../app/ui-files.ts';

/**
 * Past this many queued bytes a client is too slow to follow the stream (a frozen tab, a stalled machine).
 * It is closed rather than left to miss events: a page that skipped a `risk.state` or an order's fill would
 * show a kill switch, a position or a replay's pause that are no longer so, and say nothing. Closed, it says
 * the connection is lost and why, and a reload reads everything afresh.
 */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** A client that does not take the close either (it reads nothing at all) is cut off after this long. */
const FELL_BEHIND_GRACE_MS = 10_000;
/** ws closes the connection on frames above this; frames between MAX_FRAME_BYTES and this get a typed error. */
const HARD_FRAME_LIMIT = 4 * MAX_FRAME_BYTES;
/** Per connection, refused frames are logged in full up to this many, then one line per hundred. */
const LOGGED_REFUSALS = 20;

export interface BridgeServerOptions {
  keel: Pick<Keel, 'dispatch' | 'bus'>;
  log: Logger;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed token for tests; a fresh random one by default. */
  token?: string;
  /** Queued bytes past which a client is closed as fallen behind (default MAX_BUFFERED_BYTES). */
  maxBufferedBytes?: number;
}

export interface BridgeServer {
  readonly port: number;
  readonly token: string;
  /** The address to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const { keel, log, staticDir } = options;
  const token = options.token ?? newToken();
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const http = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT, perMessageDeflate: false });
  let port = 0;
  let nextPeer = 1;

  http.on('request', (req, res) => handleHttp(req, res));
  http.on('upgrade', (req, socket, head) => handleUpgrade(req, socket, head));
  http.on('clientError', (_err, socket) => socket.destroy());

  const unsubscribe = keel.bus.onAny((event, payload) => {
    if (wss.clients.size === 0) return;
    const frame = JSON.stringify({ event, payload });
    for (const client of wss.clients) {
      if (client.readyState !== client.OPEN) continue;
      if (client.bufferedAmount > maxBuffered) {
        fellBehind(client);
        continue;
      }
      client.send(frame);
    }
  });

  function fellBehind(client: WebSocket): void {
    log.warn('bridge', `a client has ${client.bufferedAmount} bytes of events unread; closing it (${FELL_BEHIND_CLOSE.reason})`);
    // The close frame queues behind what the page has yet to read: it sees every event before it, then why.
    client.close(FELL_BEHIND_CLOSE.code, FELL_BEHIND_CLOSE.reason);
    setTimeout(() => client.terminate(), FELL_BEHIND_GRACE_MS).unref();
  }

  function refuseHttp(res: ServerResponse, status: number, title: string, detail: string): void {
    const body = `<!doctype html><meta charset="utf-8"><title>Keel: ${title}</title><body style="font:15px system-ui;background:#0e1116;color:#d6dde6;padding:3em"><h1>${title}</h1><p>${detail}</p></body>`;
    res.writeHead(status, { ...REFUSAL_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(body);
  }

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    if (!isAllowedHost(req.headers.host, port)) {
      log.warn('bridge', `refused HTTP request for host ${JSON.stringify(req.headers.host)}`);
      return refuseHttp(res, 421, 'Wrong address', `Keel answers only at http://${HOST}:${port}/.`);
    }
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    if (!tokensEqual(requestToken(url, req.headers.cookie), token)) {
      log.warn('bridge', `refused HTTP ${req.method} ${url.pathname} without a valid token`);
      return refuseHttp(res, 401, 'Access token needed', 'Open the address that <code>keel serve</code> printed: it carries this run\'s access token.');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuseHttp(res, 405, 'Method not allowed', 'Keel serves pages with GET only.');
    // The raw path, not url.pathname: the URL parser would quietly resolve `..` before we could refuse it.
    const file = resolveUiPath((req.url ?? '/').split(/[?#]/)[0]!, staticDir);
    if (file === null) return refuseHttp(res, 404, 'Not found', 'No such file.');
    const headers: Record<string, string> = { ...SECURITY_HEADERS };
    // The first visit carries the token in the query; the cookie lets the page's own assets load after it.
    if (url.searchParams.has('token')) headers['Set-Cookie'] = tokenCookie(token);
    if (sendStatic(res, file, headers)) return;
    if (!existsSync(join(staticDir, 'index.html'))) {
      return refuseHttp(res, 503, 'The UI is not built', 'Run <code>npm run build:renderer</code> (or <code>npm run serve</code>, which builds it) and reload.');
    }
    refuseHttp(res, 404, 'Not found', 'No such file.');
  }

  function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    if (url.pathname !== BRIDGE_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    if (!isAllowedHost(req.headers.host, port)) {
      log.warn('bridge', `refused WebSocket for host ${JSON.stringify(req.headers.host)}`);
      return rejectUpgrade(socket, 421, 'Misdirected Request');
    }
    if (!tokensEqual(requestToken(url, req.headers.cookie), token)) {
      log.warn('bridge', 'refused WebSocket without a valid token');
      return rejectUpgrade(socket, 401, 'Unauthorized');
    }
    if (!isAllowedOrigin(req.headers.origin, port)) {
      log.warn('bridge', `refused WebSocket from origin ${JSON.stringify(req.headers.origin)}`);
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, `ws#${nextPeer++}`));
  }

  function onConnection(ws: WebSocket, peer: string): void {
    log.info('bridge', `${peer} connected`);
    let refusals = 0;
    const reply = (frame: ReplyFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const refuse = (id: number | null, code: 'malformed_message' | 'message_too_large' | 'invalid_request', message: string, issues?: { path: string; message: string }[]) => {
      refusals++;
      if (refusals <= LOGGED_REFUSALS || refusals % 100 === 0) log.warn('bridge', `${peer}: refused frame (${refusals} so far): ${message}`);
      reply({ id, outcome: { ok: false, error: issues ? { code, message, issues } : { code, message } } });
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
      if (size > MAX_FRAME_BYTES) return refuse(null, 'message_too_large', `frame of ${size} bytes is larger than the ${MAX_FRAME_BYTES} bytes a call may be`);
      if (isBinary) return refuse(null, 'malformed_message', 'binary frames are not accepted; send a JSON call {"id","call","params"}');
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        return refuse(null, 'malformed_message', 'frame is not JSON; send a JSON call {"id","call","params"}');
      }
      const frame = CallFrameSchema.safeParse(json);
      if (!frame.success) {
        const id = typeof json === 'object' && json !== null && Number.isSafeInteger((json as { id?: unknown }).id) ? ((json as { id: number }).id) : null;
        const issues = issuesOf(frame.error);
        return refuse(id, 'invalid_request', `frame is not a call {"id","call","params"}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
      }
      const { id, call, params } = frame.data;
      keel.dispatch(call, params, { shell: 'browser', peer }).then(
        (outcome) => reply({ id, outcome }),
        (err: unknown) => {
          log.error('bridge', `${peer}: dispatch of ${call} failed`, err);
          reply({ id, outcome: { ok: false, error: { code: 'internal', message: 'the call failed inside Keel; see the log' } } });
        },
      );
    });
    ws.on('error', (err) => log.warn('bridge', `${peer}: ${err.message}`));
    ws.on('close', (code) => log.info('bridge', `${peer} disconnected (${code})`));
  }

  await new Promise<void>((resolvePromise, reject) => {
    http.once('error', reject);
    http.listen(options.port, HOST, () => {
      http.off('error', reject);
      resolvePromise();
    });
  });
  port = (http.address() as { port: number }).port;

  return {
    port,
    token,
    url: `http://${HOST}:${port}/?token=${token}`,
    async close() {
      unsubscribe();
      for (const client of wss.clients) client.close(1001, 'Keel is shutting down');
      wss.close();
      await new Promise<void>((r) => closeServer(http, r));
    },
  };
}

function closeServer(http: Server, done: () => void): void {
  http.close(() => done());
  http.closeAllConnections();
}
