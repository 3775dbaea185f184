/** ipcMain: records what is registered, and calls it the way Electron would for a window's request. */
import type { IpcInvokeEventLike, IpcMainLike } from '../../../main/electron/ipcHandlers.js';
import type { IpcResult } from '../../../main/shared/ipcContract.js';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  /** appPage: the URL of the app's own page, the sender of invoke(). */
  constructor(private readonly appPage: () => string = () => 'file:///app/dist/renderer/index.html') {}
  handle(channel: string, listener: Handler): void {
    // Electron refuses a second handler for a channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What the window's preload would get back for `channel`, asked from the app's page. */
  invoke<T = unknown>(channel: string, ...args: unknown[]): Promise<IpcResult<T>> {
    return this.invokeFrom<T>({ senderFrame: { url: this.appPage(), parent: null } }, channel, ...args);
  }
  /** The same, asked by the sender `event` describes (another page, an iframe, a frame that is gone). */
  async invokeFrom<T = unknown>(event: IpcInvokeEventLike, channel: string, ...args: unknown[]): Promise<IpcResult<T>> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return (await handler(event, ...args)) as IpcResult<T>;
  }
}
