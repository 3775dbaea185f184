/**
 * Re-syncs as the app starts them: through a login window of ours (the platform's sign-in page, its
 * session's cookies read by the core as they arrive), or from cookies the person pasted. The login
 * window closes once the cookies are taken, and its session is cleared when the re-sync ends unless
 * the person chose to stay signed in there; closing it before that cancels the re-sync.
 */
import type { Account } from '../core/lobstr/account.js';
import { fixedCookieSource } from '../core/resync/cookieSource.js';
import { cookiesFromText } from '../core/resync/cookiePick.js';
import type { LobstrClient } from '../core/lobstr/apiClient.js';
import { resyncAccount } from '../core/resync/resync.js';
import type { ResyncOutcome } from '../core/resync/resyncProgress.js';
import { createResyncRuns, type ResyncRuns } from '../core/resync/resyncRuns.js';
import { pastedCookiesView, resyncView } from '../core/views/resyncViews.js';
import type { IpcError, IpcResult, PastedCookies, PasteCheckRequest, ResyncStartRequest, ResyncView } from '../shared/ipcContract.js';
import { openLoginWindow, type LoginWindowElectron } from './loginWindow.js';

export interface ResyncActionsDeps {
  runs: ResyncRuns;
  /** The Electron objects the login window is made of. */
  login: LoginWindowElectron;
  /** The account as the last check holds it; null when it has none. */
  account(accountId: string): Account | null;
  now?: () => number;
  logger?: { warn(message: string): void };
}

export interface ResyncActions {
  start(request: ResyncStartRequest): IpcResult<ResyncView>;
  checkPaste(request: PasteCheckRequest): IpcResult<PastedCookies>;
  cancel(accountId: string): IpcResult<null>;
  get(accountId: string): IpcResult<ResyncView | null>;
}

const fail = (kind: IpcError['kind'], message: string): { ok: false; error: IpcError } => ({ ok: false, error: { kind, message } });

export function createResyncActions(deps: ResyncActionsDeps): ResyncActions {
  const now = deps.now ?? Date.now;
  const view = (accountId: string): ResyncView | null => {
    const progress = deps.runs.progress(accountId);
    return progress ? resyncView(progress, now()) : null;
  };
  /** The first step, before the core has reported one: nothing found yet. */
  const waiting = (account: Account): ResyncView => {
    const required = account.cookies.filter((c) => c.required).map((c) => c.name);
    return { step: 'waiting_for_login', found: [], missing: required, have: 0, need: required.length, signingIn: false, at: new Date(now()).toISOString() };
  };

  const viaLogin = (account: Account, keepSignedIn: boolean): IpcResult<ResyncView> => {
    let window: ReturnType<typeof openLoginWindow>;
    try {
      window = openLoginWindow(deps.login, account);
    } catch (error) {
      return fail('unsafe_url', `The sign-in page of ${account.username} was not opened: ${(error as Error).message}`);
    }
    const started = deps.runs.start(account, window, {
      // The cookies are taken: the window's work is done, the sync runs on without it.
      onStep: (progress) => {
        if (progress.step !== 'waiting_for_login') window.close();
      },
      onEnd: () => {
        window.close();
        window.forget(keepSignedIn).catch((error: unknown) => {
          deps.logger?.warn(`The sign-in session of a re-sync could not be cleared: ${(error as Error)?.message ?? String(error)}`);
        });
      },
    });
    if (!started.ok) {
      window.close();
      return fail('failed', started.message);
    }
    void window.closedByUser.then(() => deps.runs.cancel(account.id));
    return { ok: true, value: view(account.id) ?? waiting(account) };
  };

  const viaPaste = (account: Account, text: string): IpcResult<ResyncView> => {
    const checked = pastedCookiesView(text, account);
    if (checked.problem !== null) return fail('invalid_request', checked.problem);
    const read = cookiesFromText(text, account);
    if (!read.ok) return fail('invalid_request', read.message);
    const cookies = [...read.cookies].map(([name, value]) => ({ name, value, domain: null }));
    const started = deps.runs.start(account, fixedCookieSource(cookies));
    if (!started.ok) return fail('failed', started.message);
    return { ok: true, value: view(account.id) ?? waiting(account) };
  };

  const known = (accountId: string): Account | { ok: false; error: IpcError } =>
    deps.account(accountId) ?? fail('not_found', `There is no account ${accountId} in the last check: refresh, then try again.`);

  return {
    start(request) {
      const account = known(request.accountId);
      if ('ok' in account) return account;
      if (deps.runs.isRunning(account.id)) return fail('failed', `A re-sync of ${account.username} is already running.`);
      return request.via === 'login' ? viaLogin(account, request.keepSignedIn) : viaPaste(account, request.text);
    },
    checkPaste(request) {
      const account = known(request.accountId);
      if ('ok' in account) return account;
      return { ok: true, value: pastedCookiesView(request.text, account) };
    },
    cancel(accountId) {
      deps.runs.cancel(accountId);
      return { ok: true, value: null };
    },
    get: (accountId) => ({ ok: true, value: view(accountId) }),
  };
}

export interface AppResyncDeps extends Omit<ResyncActionsDeps, 'runs'> {
  /** The client of the current source (Lobstr with the saved key, or the demo's simulator); null when none. */
  client(): Promise<Pick<LobstrClient, 'syncCookies' | 'syncStatus' | 'getAccount'> | null>;
  /** Told the re-read account at once, so the tray, the list and the details turn green. */
  monitor: { accountResynced(account: Account): Promise<void> };
  /** Each step, for the window (resync:changed). */
  push(accountId: string, progress: ResyncView): void;
}

/** The app's re-syncs: runs on the current source's client, pushed to the window, started from it. */
export function createAppResync(deps: AppResyncDeps): ResyncActions & { stopAll(): Promise<void> } {
  const now = deps.now ?? Date.now;
  const runs = createResyncRuns({
    async run(request, onProgress): Promise<ResyncOutcome> {
      const client = await deps.client();
      if (!client) {
        const outcome: ResyncOutcome = {
          step: 'failed',
          task: null,
          error: { kind: 'key_rejected', message: 'Lobstr Tray has no API key to re-sync with: add yours in Settings, then try again.' },
        };
        onProgress(outcome);
        return outcome;
      }
      return resyncAccount(request, { client, monitor: deps.monitor, onProgress });
    },
    onProgress: (accountId, progress) => deps.push(accountId, resyncView(progress, now())),
  });
  return { ...createResyncActions({ ...deps, runs }), stopAll: () => runs.stopAll() };
}
