// The engine's preview of the ticket's order (cost, fee, risk to stop, or why it would be refused).
// Asked shortly after an edit, at most every DEBOUNCE_MS however fast the order changes (a market order
// sized by risk changes with every tick of price and equity), and once a second while prices move.
// Only the answer to the latest question is shown; while the order on screen differs from the one that
// answer is for, the preview is marked as loading (dimmed) rather than passed off as current.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api, CommandResponse } from '../../../../shared/contract/index.ts';
import type { KeelErrorData } from '../../../../shared/contract/errors.ts';
import type { OrderRequest } from '../../../../shared/trading/orders.ts';
import { toErrorData } from '../../state/error-data.ts';

export type Preview = CommandResponse<'trading.preview'>;

export type PreviewState =
  | { status: 'none' }
  | { status: 'loading'; preview: Preview | null }
  | { status: 'ready'; preview: Preview }
  | { status: 'error'; error: KeelErrorData };

/** The first question waits this long after an edit, and the next is not asked sooner. */
const DEBOUNCE_MS = 150;
/** Market and trailing orders are sized at the last price: ask again as it moves. */
const REFRESH_MS = 1000;

export function useOrderPreview(api: Api, request: OrderRequest | null): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: 'none' });
  const key = request === null ? null : JSON.stringify(request);
  const current = useRef(key);
  current.current = key;
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const ask = useCallback(() => {
    const question = current.current;
    if (question === null) return;
    const id = ++asked.current;
    api.commands['trading.preview'](JSON.parse(question) as OrderRequest).then(
      (preview) => {
        if (id !== asked.current) return;
        setState(current.current === question ? { status: 'ready', preview } : { status: 'loading', preview });
      },
      (err: unknown) => {
        if (id === asked.current) setState({ status: 'error', error: toErrorData(err) });
      },
    );
  }, [api]);

  useEffect(() => {
    if (key === null) {
      asked.current++;
      setState({ status: 'none' });
      return;
    }
    setState((s) => ({ status: 'loading', preview: s.status === 'ready' || s.status === 'loading' ? s.preview : null }));
    timer.current ??= setTimeout(() => {
      timer.current = null;
      ask();
    }, DEBOUNCE_MS);
  }, [key, ask]);

  const active = key !== null;
  useEffect(() => {
    if (!active) return;
    const again = setInterval(ask, REFRESH_MS);
    return () => clearInterval(again);
  }, [active, ask]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  return state;
}
