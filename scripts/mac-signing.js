// electron-builder's `afterSign` hook (electron-builder.yml): no macOS build of Lobstr Tray leaves
// unsigned. Since Electron 42 notifications go through UNUserNotificationCenter, and macOS drops them
// silently for a bundle without a valid code signature.
//
// - A developer identity (CSC_NAME, CSC_LINK, mac.identity, or a Developer ID certificate electron-builder
//   found in the keychain): electron-builder has already signed with it (hardened runtime,
//   build/entitlements.mac.plist) and notarised when APPLE_* credentials are set. This hook checks the
//   result with `codesign --verify --deep --strict` and fails the build if the identity was asked for but
//   the bundle is not validly signed.
// - No identity: electron-builder skipped signing (it has no ad-hoc fallback). This hook signs ad hoc,
//   every nested piece of code first and the app last, bound to the app id, then verifies.
//
// electron-builder calls it after the fuses are flipped (which changes the Electron binary) and before
// the dmg is made, so what is signed is what ships.
import { execFile } from 'node:child_process';
import { lstat, open, readdir } from 'node:fs/promises';
import path from 'node:path';

/** The first four bytes of Mach-O files, thin (32/64-bit, both byte orders) and universal. */
const MACH_O_MAGICS = new Set([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe, 0xbebafeca]);
/** Bundles codesign seals as a whole, after the code inside them. */
const BUNDLE_EXTENSIONS = new Set(['.app', '.framework', '.appex', '.xpc', '.bundle']);

/**
 * The developer identity asked for, in electron-builder's own order (mac.identity, then CSC_NAME), or a
 * description of CSC_LINK's certificate; null when none was asked for. `"-"` is ad hoc, not an identity.
 * @param {{ identity?: string | null }} macOptions
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | null}
 */
export function requestedIdentity(macOptions, env) {
  const named = macOptions.identity ?? env.CSC_NAME;
  if (typeof named === 'string' && named.trim() !== '' && named.trim() !== '-') return named.trim();
  if (env.CSC_LINK) return 'the certificate in CSC_LINK';
  return null;
}

/**
 * Whether notarisation credentials are set (the variables electron-builder 26's `mac.notarize` reads).
 * @param {NodeJS.ProcessEnv} env
 */
export function notarisationRequested(env) {
  return Boolean(env.APPLE_ID || env.APPLE_API_KEY || env.APPLE_KEYCHAIN_PROFILE);
}

/** @param {string} file */
async function isMachO(file) {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && MACH_O_MAGICS.has(buffer.readUInt32BE(0));
  } finally {
    await handle.close();
  }
}

/**
 * Every piece of code inside `app` that carries its own signature (Mach-O files and nested bundles),
 * deepest first, as codesign wants them: a bundle is sealed after what it contains. Symbolic links
 * (a framework's `Versions/Current`) are not followed; their targets are signed where they live.
 * @param {string} app
 * @returns {Promise<string[]>}
 */
export async function nestedCode(app) {
  /** @type {string[]} */
  const found = [];
  /** @param {string} dir */
  async function walk(dir) {
    for (const name of (await readdir(dir)).sort()) {
      const entry = path.join(dir, name);
      const info = await lstat(entry);
      if (info.isSymbolicLink()) continue;
      if (info.isDirectory()) {
        await walk(entry);
        if (BUNDLE_EXTENSIONS.has(path.extname(name))) found.push(entry);
      } else if (info.isFile() && (await isMachO(entry))) {
        found.push(entry);
      }
    }
  }
  await walk(path.join(app, 'Contents'));
  const depth = (/** @type {string} */ file) => file.split(path.sep).length;
  // Stable: equally deep entries keep the walk's (alphabetical) order.
  return found.map((file, index) => ({ file, index })).sort((a, b) => depth(b.file) - depth(a.file) || a.index - b.index).map((it) => it.file);
}

/**
 * Runs codesign (found on env.PATH) and resolves with its exit code and output; never rejects on a
 * non-zero exit, only when codesign cannot be started.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ code: number; output: string }>}
 */
function codesign(args, env) {
  return new Promise((resolve, reject) => {
    execFile('codesign', args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (error && typeof error.code !== 'number') {
        reject(
          error.code === 'ENOENT'
            ? new Error(
                'codesign was not found: a macOS build of Lobstr Tray can only be signed on macOS, and macOS drops ' +
                  'the notifications of an unsigned app. Build the mac targets on a Mac.',
              )
            : error,
        );
        return;
      }
      resolve({ code: error ? Number(error.code) : 0, output });
    });
  });
}

/**
 * @param {string} app
 * @param {NodeJS.ProcessEnv} env
 */
export async function verifySignature(app, env) {
  return codesign(['--verify', '--deep', '--strict', '--verbose=2', app], env);
}

/**
 * Signs `app` ad hoc: each nested piece of code, then the app bound to `identifier` (the app id), all
 * with the hardened runtime and `entitlements` when `hardenedRuntime` (an ad-hoc signature has no team
 * id, so the entitlements must disable library validation). No timestamp: ad-hoc signatures have none.
 * @param {{ app: string; identifier: string; entitlements: string; hardenedRuntime: boolean; env: NodeJS.ProcessEnv }} options
 */
export async function signAdHoc({ app, identifier, entitlements, hardenedRuntime, env }) {
  const common = ['--sign', '-', '--force', '--timestamp=none'];
  if (hardenedRuntime) common.push('--options', 'runtime', '--entitlements', entitlements);
  for (const code of [...(await nestedCode(app)), app]) {
    const args = code === app ? [...common, '--identifier', identifier, code] : [...common, code];
    const { code: exit, output } = await codesign(args, env);
    if (exit !== 0) throw new Error(`codesign could not sign ${path.relative(path.dirname(app), code)} ad hoc (exit ${exit}): ${output}`);
  }
}

/**
 * Leaves `app` validly signed, or throws saying why it is not.
 * @param {{ app: string; appId: string; entitlements: string; hardenedRuntime: boolean; macOptions: { identity?: string | null }; env: NodeJS.ProcessEnv; log?: (line: string) => void }} options
 */
export async function ensureSigned({ app, appId, entitlements, hardenedRuntime, macOptions, env, log = () => {} }) {
  const identity = requestedIdentity(macOptions, env);
  const before = await verifySignature(app, env);
  if (before.code === 0) {
    log(`${path.basename(app)}: signature verified (signed by electron-builder${identity ? ` with ${identity}` : ''})`);
    return;
  }
  if (identity) {
    throw new Error(
      `${path.basename(app)} was to be signed with ${identity}, but its signature does not verify: ${before.output}. ` +
        'Check the identity (security find-identity -v -p codesigning); an unsigned app gets no notifications on macOS.',
    );
  }
  if (notarisationRequested(env)) {
    throw new Error(
      'APPLE_* notarisation credentials are set but no Developer ID identity is (CSC_NAME or CSC_LINK): ' +
        'an ad-hoc signature cannot be notarised.',
    );
  }
  await signAdHoc({ app, identifier: appId, entitlements, hardenedRuntime, env });
  const after = await verifySignature(app, env);
  if (after.code !== 0) throw new Error(`${path.basename(app)}: the ad-hoc signature does not verify: ${after.output}`);
  log(`${path.basename(app)}: signed ad hoc as ${appId} (no developer identity configured) and verified`);
}

/**
 * The hook itself. `context` is electron-builder's AfterPackContext; only macOS builds are signed here.
 * @param {{ appOutDir: string; electronPlatformName: string; packager: { appInfo: { id: string; productFilename: string }; projectDir: string; platformSpecificBuildOptions: { identity?: string | null; hardenedRuntime?: boolean; entitlements?: string | null } } }} context
 */
export default async function afterSign(context) {
  if (context.electronPlatformName !== 'darwin') return;
  const { appInfo, projectDir, platformSpecificBuildOptions: mac } = context.packager;
  await ensureSigned({
    app: path.join(context.appOutDir, `${appInfo.productFilename}.app`),
    appId: appInfo.id,
    entitlements: path.resolve(projectDir, mac.entitlements ?? 'build/entitlements.mac.plist'),
    // electron-builder's default for mac builds: hardened unless turned off.
    hardenedRuntime: mac.hardenedRuntime !== false,
    macOptions: mac,
    env: process.env,
    log: (line) => console.log(`  • ${line}`),
  });
}
