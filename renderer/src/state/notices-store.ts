// Errors from the Api, shown as dismissable banners. Every failed call lands here; none is swallowed.
import { create } from 'zustand';
import type { ErrorCode } from '../../../shared/contract/errors.ts';
import { toErrorData } from './error-data.ts';

export interface Notice {
  id: number;
  /** What the user was doing, e.g. "Start replay". */
  action: string;
  code: ErrorCode;
  message: string;
}

interface NoticesState {
  notices: Notice[];
  dismiss: (id: number) => void;
}

/** Older notices beyond this are dropped so a failing loop cannot fill the screen. */
const MAX_NOTICES = 4;
let nextId = 1;

export const useNotices = create<NoticesState>()((set) => ({
  notices: [],
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

export function reportError(action: string, err: unknown): void {
  const data = toErrorData(err);
  const notice: Notice = { id: nextId++, action, code: data.code, message: data.message };
  useNotices.setState((s) => ({ notices: [...s.notices, notice].slice(-MAX_NOTICES) }));
  // Also to the console, for the developer tools and the e2e logs.
  console.error(`[keel] ${action} failed: ${data.code}: ${data.message}`);
}
