/**
 * The IPC contract: channel names, and (checked by tsc, which type-checks this file) that every
 * channel has its request and response types, that the shapes the window sees are the core's, and
 * that the preload's API covers every request channel.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { ConnectionProblem, NotificationKinds, Settings } from '../../main/core/appModel.js';
import {
  INVOKE,
  PUSH,
  type CompleteContract,
  type ConnectionProblemView,
  type HeldAccount,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResponse,
  type IpcResult,
  type KeyStatus,
  type NotificationSwitches,
  type PushPayload,
  type ResyncView,
  type SettingsValues,
  type SnapshotPush,
  type SnapshotView,
} from '../../main/shared/ipcContract.js';
import type { LobstrBridge } from '../../preload/lobstrBridge.js';

describe('the IPC contract', () => {
  test('names the channels of the app: requests from the window and pushes from main', () => {
    expect(Object.values(INVOKE).sort()).toEqual([
      'account:get',
      'account:held',
      'account:openPlatform',
      'clipboard:write',
      'demo:start',
      'demo:stop',
      'key:clear',
      'key:set',
      'key:status',
      'monitor:refresh',
      'notification:test',
      'resync:cancel',
      'resync:checkPaste',
      'resync:get',
      'resync:start',
      'settings:get',
      'settings:update',
      'snapshot:get',
      'snapshot:head',
      'window:hide',
    ]);
    expect(Object.values(PUSH).sort()).toEqual(['resync:changed', 'snapshot:changed', 'window:navigate']);
  });

  test('no channel name is used twice, and each reads "subject:action"', () => {
    const all = [...Object.values(INVOKE), ...Object.values(PUSH)];
    expect(new Set(all).size).toBe(all.length);
    for (const channel of all) expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  test('is types and channel names only: it loads in the window and the preload, without Node or Electron', () => {
    const source = readFileSync(new URL('../../main/shared/ipcContract.ts', import.meta.url), 'utf8');
    const imports = source.split('\n').filter((line) => /^\s*import\b/.test(line));
    expect(imports.length).toBeGreaterThan(0);
    for (const line of imports) expect(line).toMatch(/^import type \{[^}]+\} from '\.\.\/core\/(lobstr\/apiErrors|views\/windowViews)\.js';$/);
    // The views it carries are the core's, defined with types only, from modules the window loads.
    const views = readFileSync(new URL('../../main/core/views/windowViews.ts', import.meta.url), 'utf8');
    for (const line of views.split('\n').filter((l) => /^\s*(import|export)\b.*\bfrom\b/.test(l))) {
      expect(line).toMatch(/^import type \{[^}]+\} from '\.\.\/(lobstr\/account|health\/accountHealth|lobstr\/apiErrors|resync\/resyncProgress)\.js';$/);
    }
  });

  test('the compiler refuses a contract that lacks a channel’s types, or half of them', () => {
    type Channel = 'thing:get' | 'thing:set';
    expectTypeOf<
      CompleteContract<Channel, { 'thing:get': { request: undefined; response: number }; 'thing:set': { request: string; response: null } }>
    >().toEqualTypeOf<{ 'thing:get': { request: undefined; response: number }; 'thing:set': { request: string; response: null } }>();
    // @ts-expect-error 'thing:set' has no entry
    type Missing = CompleteContract<Channel, { 'thing:get': { request: undefined; response: number } }>;
    // @ts-expect-error 'thing:set' has a request but no response
    type Half = CompleteContract<Channel, { 'thing:get': { request: undefined; response: number }; 'thing:set': { request: string } }>;
    expectTypeOf<Missing | Half>().not.toBeNever();
  });

  test('requests and answers are typed per channel', () => {
    expectTypeOf<InvokeArgs<'snapshot:get'>>().toEqualTypeOf<[]>();
    expectTypeOf<InvokeArgs<'account:get'>>().toEqualTypeOf<[string]>();
    expectTypeOf<InvokeArgs<'account:held'>>().toEqualTypeOf<[string]>();
    expectTypeOf<InvokeResponse<'account:held'>>().toEqualTypeOf<IpcResult<HeldAccount>>();
    expectTypeOf<InvokeResponse<'snapshot:get'>>().toEqualTypeOf<IpcResult<{ kind: 'full'; revision: number; snapshot: SnapshotView }>>();
    expectTypeOf<InvokeArgs<'snapshot:head'>>().toEqualTypeOf<[number]>();
    expectTypeOf<InvokeResponse<'snapshot:head'>>().toEqualTypeOf<IpcResult<{ kind: 'head'; snapshot: SnapshotView }>>();
    expectTypeOf<PushPayload<'snapshot:changed'>>().toEqualTypeOf<SnapshotPush>();
    expectTypeOf<InvokeResponse<'key:set'>>().toEqualTypeOf<IpcResult<KeyStatus>>();
    expectTypeOf<PushPayload<'window:navigate'>>().toEqualTypeOf<{ accountId: string | null; view?: 'settings'; resync?: boolean }>();
    expectTypeOf<InvokeResponse<'resync:start'>>().toEqualTypeOf<IpcResult<ResyncView>>();
    expectTypeOf<PushPayload<'resync:changed'>>().toEqualTypeOf<{ accountId: string; progress: ResyncView }>();
    // Every answer can be a failure value: nothing is thrown across IPC.
    expectTypeOf<{ ok: false; error: { kind: 'failed'; message: string } }>().toExtend<InvokeResponse<InvokeChannel>>();
  });

  test('the shapes the window sees are the core’s own', () => {
    expectTypeOf<SettingsValues>().toEqualTypeOf<Settings>();
    expectTypeOf<NotificationSwitches>().toEqualTypeOf<NotificationKinds>();
    expectTypeOf<ConnectionProblemView>().toEqualTypeOf<ConnectionProblem>();
  });

  test('the key status has no room for the key', () => {
    expectTypeOf<keyof KeyStatus>().toEqualTypeOf<'set' | 'hint' | 'storage' | 'notice' | 'waiting'>();
  });

  test('the preload’s API has a method for every request channel, named as in INVOKE', () => {
    expectTypeOf<keyof typeof INVOKE>().toExtend<keyof LobstrBridge>();
    expectTypeOf<LobstrBridge['getAccount']>().toEqualTypeOf<(hash: string) => Promise<InvokeResponse<'account:get'>>>();
    expectTypeOf<LobstrBridge['getHeldAccount']>().toEqualTypeOf<(hash: string) => Promise<InvokeResponse<'account:held'>>>();
  });
});
