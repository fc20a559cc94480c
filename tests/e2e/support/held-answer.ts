// Holds back the engine's answer to one of the page's calls, so that what the page shows while it waits (a
// report's Cancel, say) can be clicked whatever the machine's speed: made in a second, a report was at times
// done, and its Cancel gone, before a click on a loaded machine got there. Only that answer waits; every
// other frame, both ways, passes through the page's bridge as it came.
import type { Page, WebSocketRoute } from 'playwright-core';

export interface AnswerHold {
  /** From now on, the answer to the page's next `call` is held until release(). */
  hold(call: string): void;
  /** Hands the held answer to the page (or lets it through when it comes), and holds nothing more. */
  release(): void;
}

type Frame = { id?: unknown; call?: unknown };

function parse(message: string | Buffer): Frame | null {
  try {
    return JSON.parse(String(message)) as Frame;
  } catch {
    return null;
  }
}

/** Routes the page's bridge before it opens (call it before page.goto). */
export async function holdableAnswers(page: Page): Promise<AnswerHold> {
  let call: string | null = null;
  let id: unknown = null;
  let held: { ws: WebSocketRoute; message: string | Buffer } | null = null;
  await page.routeWebSocket(/\/bridge/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (call !== null && id === null) {
        const frame = parse(message);
        if (frame?.call === call) id = frame.id;
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (id !== null && parse(message)?.id === id) held = { ws, message };
      else ws.send(message);
    });
  });
  return {
    hold(name) {
      if (call !== null) throw new Error(`the answer to ${call} is held already; release it first`);
      call = name;
    },
    release() {
      if (held) held.ws.send(held.message);
      call = null;
      id = null;
      held = null;
    },
  };
}
