import type { LobstrBridge } from '../../preload/lobstrBridge';

declare global {
  interface Window {
    /** Set by the preload inside the Electron app; absent when the page is opened anywhere else. */
    readonly lobstr?: LobstrBridge;
  }
}

export {};
