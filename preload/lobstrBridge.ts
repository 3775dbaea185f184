/**
 * What the preload exposes to the page as `window.lobstr`: the one door between the sandboxed
 * window and the app. Shared by the preload (which builds it) and the renderer (which reads it).
 */
export interface LobstrBridge {
  /** The app's version, e.g. "0.1.0". */
  readonly version: string;
  /** Node's name for the operating system: "linux", "darwin" or "win32". */
  readonly platform: string;
}
