/**
 * What the app's window shows of the snapshot, for tests that run the app on fake Electron objects:
 * as the page does when it loads, it asks for the whole snapshot (snapshot:get), then applies each
 * push the main process sends it, with the window's own code (main/core/views/heldSnapshot.ts).
 * The snapshot holds each account's row; an account in full is what the details view asks for
 * (account:held), here `account(id)`.
 */
import { applySnapshotPush, type HeldSnapshot } from '../../main/core/views/heldSnapshot.js';
import { PUSH, type FullSnapshotPush, type HeldAccount, type IpcResult, type SnapshotPush, type SnapshotView } from '../../main/shared/ipcContract.js';
import type { FakeBrowserWindow, FakeIpcMain, FakeWebContents } from './fakeElectron.js';

export class WindowSnapshot {
  private contents: FakeWebContents | null = null;
  private held: HeldSnapshot | null = null;
  private seen = 0;
  /** Pushes applied, and the whole snapshots asked for, since the page loaded. */
  pushes = 0;
  reads = 0;

  constructor(
    private readonly ipcMain: FakeIpcMain,
    private readonly windows: () => readonly FakeBrowserWindow[],
  ) {}

  /** The snapshot the newest window shows now; undefined while there is no window. */
  async current(): Promise<SnapshotView | undefined> {
    const window = this.windows().at(-1);
    if (!window) return undefined;
    const contents = window.webContents;
    if (contents !== this.contents) {
      // A new page: it asks for the whole snapshot as it starts, and follows the pushes after.
      this.contents = contents;
      this.seen = contents.sent.length;
      this.pushes = 0;
      this.reads = 0;
      await this.readWhole();
    }
    while (this.seen < contents.sent.length) {
      const sent = contents.sent[this.seen++]!;
      if (sent.channel !== PUSH.snapshotChanged) continue;
      this.pushes++;
      const next = applySnapshotPush(this.held, sent.payload as SnapshotPush);
      if (next === null) await this.readWhole();
      else this.held = next;
    }
    return this.held?.snapshot;
  }

  /** An account in full, as the page's details view asks the app for it. */
  async account(id: string): Promise<IpcResult<HeldAccount>> {
    return this.ipcMain.invoke<HeldAccount>('account:held', id);
  }

  private async readWhole(): Promise<void> {
    this.reads++;
    const answer = (await this.ipcMain.invoke('snapshot:get')) as IpcResult<FullSnapshotPush>;
    if (answer.ok) this.held = applySnapshotPush(this.held, answer.value);
  }
}
