// What the engine says about itself: version, trading mode (paper unless armed) and data directory.
import { create } from 'zustand';
import type { CommandResponse } from '../../../shared/contract/index.ts';

export type AppInfo = CommandResponse<'app.info'>;

export const useAppInfo = create<{ info: AppInfo | null }>()(() => ({ info: null }));
