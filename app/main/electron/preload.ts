// The only bridge between the sandboxed renderer and main: one method per contract handler and
// on() for pushed events. No ipcRenderer, no Node: the page sees plain functions.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, HANDLER_NAMES } from '../../shared/contract/handler-names';
import { EVENT_CHANNEL } from './security';

const api: Record<string, unknown> = {};
for (const name of HANDLER_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(name, input);
}
api.on = (name: string, listener: (payload: unknown) => void) => {
  if (!(EVENT_NAMES as readonly string[]).includes(name)) throw new Error(`unknown event ${name}`);
  const handler = (_event: IpcRendererEvent, message: { name: string; payload: unknown }) => {
    if (message.name === name) listener(message.payload);
  };
  ipcRenderer.on(EVENT_CHANNEL, handler);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  };
};

contextBridge.exposeInMainWorld('hankou', api);
