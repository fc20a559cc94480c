// The preload: runs sandboxed, in an isolated world, before the page. It exposes the contract's Api
// as `window.keel` — no ipcRenderer, no generic invoke/send/on — and beside it `window.keelFiles`, the
// path of a file the trader picked (shared/contract/file-paths.ts), which only this side can read.
// Built as CommonJS (out/preload/index.cjs) because sandboxed preloads cannot be ES modules, with its
// imports bundled in because a sandboxed preload can require only 'electron'.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { FilePaths } from '../../shared/contract/file-paths.ts';
import { buildPreloadApi } from './build-api.ts';

const api = buildPreloadApi(
  (channel, request) => ipcRenderer.invoke(channel, request),
  (channel, handler) => {
    // The IpcRendererEvent never reaches the page: it carries `sender`, which is ipcRenderer itself.
    const listener = (_event: IpcRendererEvent, payload: unknown) => handler(payload);
    ipcRenderer.on(channel, listener);
    return () => {
      ipcRenderer.removeListener(channel, listener);
    };
  },
  { onListenerError: (event, err) => console.error(`keel: a listener for ${event} threw`, err) },
);

contextBridge.exposeInMainWorld('keel', api);

const files: FilePaths = { pathOf: (file) => webUtils.getPathForFile(file) };
contextBridge.exposeInMainWorld('keelFiles', files);
