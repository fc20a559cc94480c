// The browser bridge's frames. A client sends calls; the server answers each by id and pushes events.
// Kept tiny and JSON-only so the same frames serve the renderer, the CLI (`keel kill`) and the benchmarks.
import { z } from 'zod';
import type { Outcome } from '../contract/errors.ts';

/** Frames larger than this are refused unread: no legitimate call comes near it. */
export const MAX_FRAME_BYTES = 256 * 1024;

/** The WebSocket path on the `keel serve` port. */
export const BRIDGE_PATH = '/bridge';

/** The query parameter (and cookie) that carries the per-run token. */
export const TOKEN_PARAM = 'token';
export const TOKEN_COOKIE = 'keel_token';

export const CallFrameSchema = z.strictObject({
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  call: z.string().max(100),
  params: z.unknown().optional(),
});
export type CallFrame = z.infer<typeof CallFrameSchema>;

/** The answer to one call; `id` is null when the call frame itself could not be read. */
export interface ReplyFrame {
  id: number | null;
  outcome: Outcome<unknown>;
}

export interface EventFrame {
  event: string;
  payload: unknown;
}

export type ServerFrame = ReplyFrame | EventFrame;

/**
 * How the server closes a page that has stopped reading its events (a frozen tab): rather than skip events
 * and leave the page showing a state that is no longer so, it closes the link with this code and reason,
 * after the events already queued; the page says so and offers to reload (electron/server/bridge-server.ts).
 */
export const FELL_BEHIND_CLOSE = { code: 1013, reason: "this page fell behind Keel's events; reload it to catch up" } as const;
