// The link to the engine, for the status bar: which shell carries it and whether it still stands.
import { create } from 'zustand';

export type ConnectionStatus = 'connected' | 'closed';

interface ConnectionState {
  shell: 'electron' | 'browser' | null;
  status: ConnectionStatus;
  /** Why the link closed, as the server said. */
  closeReason: string | null;
}

export const useConnection = create<ConnectionState>()(() => ({
  shell: null,
  status: 'connected',
  closeReason: null,
}));
