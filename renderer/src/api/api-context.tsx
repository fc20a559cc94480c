// Hands the Api to components. Feature code gets it from useApi() and nowhere else.
import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from '../../../shared/contract/index.ts';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiProvider>: the app renders only after the Api connected');
  return api;
}
