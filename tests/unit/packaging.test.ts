/**
 * Packaging: electron-builder.yml is valid, a broken copy is refused with a message, and a real
 * `electron-builder --linux dir` run (against a stand-in Electron, so nothing is downloaded) packs
 * the built app and only production dependencies, and flips the Electron fuses in the binary.
 * A real `electron-builder --mac dir` run (stand-in Electron.app, stand-in codesign on PATH) shows what
 * the signing step asks codesign to do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureSigned, signAdHoc } from '../../scripts/mac-signing.js';
import { HELPER_SUFFIXES, writeFakeElectronMacDist } from '../fixtures/fakeElectronMac.js';
import { ensureBuilt, repoRoot } from './packagingBuild.js';

const require = createRequire(import.meta.url);
// electron-builder's own asar reader (a dependency of electron-builder).
const asar = require('@electron/asar') as {
  listPackage(archive: string, options?: { isPack: boolean }): string[];
  extractFile(archive: string, filename: string): Buffer;
};
// The fuse reader electron-builder itself flips fuses with (one of app-builder-lib's dependencies).
const fuses = createRequire(require.resolve('app-builder-lib/package.json'))('@electron/fuses') as {
  getCurrentFuseWire(pathToElectron: string): Promise<Record<number, number> & { version: string }>;
  FuseV1Options: Record<string, number>;
};
/** A fuse's byte in the wire, as @electron/fuses writes it: '1' on, '0' off. */
const fuseState = (byte: number | undefined): string =>
  byte === 0x31 ? 'on' : byte === 0x30 ? 'off' : `unexpected byte ${String(byte)}`;
const fakeElectron = path.join(repoRoot, 'tests', 'fixtures', 'fake-electron');

interface PackageJson {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as PackageJson;

const scratch = mkdtempSync(path.join(tmpdir(), 'lobstr-packaging-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function validate(configFile: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'validate-eb.cjs'), configFile], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function brokenCopy(name: string, edit: (yaml: string) => string): string {
  const original = readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8');
  const edited = edit(original);
  expect(edited).not.toBe(original);
  const file = path.join(scratch, name);
  writeFileSync(file, edited);
  return file;
}

/** One offline electron-builder run (never publishing); throws with its output when it fails. */
function runElectronBuilder(args: string[], env?: NodeJS.ProcessEnv): void {
  const builder = path.join(repoRoot, 'node_modules', 'electron-builder', 'cli.js');
  const result = spawnSync(process.execPath, [builder, ...args, '--publish', 'never'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
    ...(env === undefined ? {} : { env }),
  });
  if (result.status !== 0) {
    throw new Error(`electron-builder ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

describe('electron-builder.yml', () => {
  test('passes electron-builder’s own schema and names files that exist', () => {
    const { status, output } = validate('electron-builder.yml');
    expect(output).toContain('OK: electron-builder.yml');
    expect(status).toBe(0);
  });

  test('a misspelt option is refused, naming it', () => {
    const file = brokenCopy('misspelt.yml', (yaml) => yaml.replace(/^appId:/m, 'appIdentifier:'));
    const { status, output } = validate(file);
    expect(status).toBe(1);
    expect(output).toContain("unknown property 'appIdentifier'");
  });

  test('a value of the wrong type is refused, naming where it is', () => {
    const file = brokenCopy('wrong-type.yml', (yaml) => yaml.replace('category: Utility', 'category: [1, 2]'));
    const { status, output } = validate(file);
    expect(status).toBe(1);
    expect(output).toContain('configuration.linux.category');
  });

  test('an entitlements file or signing hook that does not exist is refused', () => {
    const file = brokenCopy('no-entitlements.yml', (yaml) =>
      yaml
        .replaceAll('build/entitlements.mac.plist', 'build/missing.plist')
        .replace('afterSign: scripts/mac-signing.js', 'afterSign: scripts/missing.js'),
    );
    const { status, output } = validate(file);
    expect(status).toBe(1);
    expect(output).toContain('mac.entitlements: build/missing.plist');
    expect(output).toContain('afterSign: scripts/missing.js');
  });

  test('an icon that does not exist is refused', () => {
    const file = brokenCopy('no-icon.yml', (yaml) => yaml.replaceAll('resources/icon.png', 'resources/missing.png'));
    const { status, output } = validate(file);
    expect(status).toBe(1);
    expect(output).toContain('resources/missing.png');
  });
});

describe('the packaged app (electron-builder --linux dir, stand-in Electron)', () => {
  const outputDir = path.join(scratch, 'release');
  const unpacked = path.join(outputDir, 'linux-unpacked');
  const archive = path.join(unpacked, 'resources', 'app.asar');
  let entries: string[] = [];
  let topLevelModules: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    // The benchmarks build into dist/ too (`npm run bench`): build them, so their absence is proven.
    await build({ configFile: path.join(repoRoot, 'vite.bench.config.ts'), root: repoRoot, logLevel: 'silent' });
    expect(existsSync(path.join(repoRoot, 'dist', 'bench', 'run.js'))).toBe(true);
    runElectronBuilder(['--linux', 'dir', `-c.electronDist=${fakeElectron}`, `-c.directories.output=${outputDir}`]);
    entries = asar.listPackage(archive, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
    topLevelModules = entries
      .map((entry) => /^\/node_modules\/(@[^/]+\/[^/]+|[^@/][^/]*)$/.exec(entry)?.[1])
      .filter((name): name is string => name !== undefined);
  }, 180_000);

  test('app.asar holds the built main process, headless command, simulator, preload and window', () => {
    for (const file of [
      '/package.json',
      '/dist/main/index.js',
      '/dist/main/cli.js',
      '/dist/main/simulator/cli.js',
      '/dist/preload/index.cjs',
      '/dist/renderer/index.html',
    ]) {
      expect(entries, file).toContain(file);
    }
    expect(entries.some((entry) => /^\/dist\/renderer\/assets\/.+\.js$/.test(entry))).toBe(true);
    const packed = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as PackageJson;
    expect(packed.main).toBe('dist/main/index.js');
  });

  test('no sources, source maps, test files, build resources or benchmarks are packed', () => {
    const outsideNodeModules = entries.filter((entry) => !entry.startsWith('/node_modules'));
    expect(outsideNodeModules.filter((entry) => entry.endsWith('.map'))).toEqual([]);
    expect(
      outsideNodeModules.filter((entry) => /^\/(main|preload|renderer|tests|scripts|bench|build)(\/|$)/.test(entry)),
    ).toEqual([]);
    expect(outsideNodeModules.filter((entry) => entry.startsWith('/dist/bench'))).toEqual([]);
  });

  test('the packed code imports only Node, Electron and production dependencies', () => {
    const allowed = new Set([...Object.keys(packageJson.dependencies), 'electron']);
    const imported = new Map<string, string>();
    for (const entry of entries) {
      if (entry.startsWith('/node_modules') || !/\.(c|m)?js$/.test(entry)) continue;
      const code = asar.extractFile(archive, entry.slice(1)).toString('utf8');
      const specifiers = code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g);
      for (const [, specifier] of specifiers) {
        if (!specifier || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        if (name && !allowed.has(name)) imported.set(name, entry);
      }
    }
    expect(Object.fromEntries(imported)).toEqual({});
  });

  test('the Electron binary’s fuses are flipped: no Node mode, no inspector, app.asar only, asar integrity', async () => {
    const { FuseV1Options } = fuses;
    const option = (name: string): number => {
      const index = FuseV1Options[name];
      if (index === undefined) throw new Error(`@electron/fuses has no fuse ${name}`);
      return index;
    };
    // The stand-in starts with Electron's defaults, so every change below is electron-builder's doing.
    const before = await fuses.getCurrentFuseWire(path.join(fakeElectron, 'electron'));
    expect(fuseState(before[option('RunAsNode')])).toBe('on');
    expect(fuseState(before[option('OnlyLoadAppFromAsar')])).toBe('off');
    const wire = await fuses.getCurrentFuseWire(path.join(unpacked, 'lobstr-tray'));
    expect(wire.version).toBe('1');
    expect({
      RunAsNode: fuseState(wire[option('RunAsNode')]),
      EnableNodeOptionsEnvironmentVariable: fuseState(wire[option('EnableNodeOptionsEnvironmentVariable')]),
      EnableNodeCliInspectArguments: fuseState(wire[option('EnableNodeCliInspectArguments')]),
      OnlyLoadAppFromAsar: fuseState(wire[option('OnlyLoadAppFromAsar')]),
      // Checked by Electron on macOS and Windows only (electronjs.org/docs/latest/tutorial/asar-integrity).
      EnableEmbeddedAsarIntegrityValidation: fuseState(wire[option('EnableEmbeddedAsarIntegrityValidation')]),
    }).toEqual({
      RunAsNode: 'off',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      OnlyLoadAppFromAsar: 'on',
      EnableEmbeddedAsarIntegrityValidation: 'on',
    });
  });

  test('every production dependency is packed', () => {
    for (const name of Object.keys(packageJson.dependencies)) {
      expect(entries, name).toContain(`/node_modules/${name}/package.json`);
    }
  });

  test('no development dependency is packed, nor anything only they need', () => {
    for (const name of Object.keys(packageJson.devDependencies)) {
      expect(topLevelModules, name).not.toContain(name);
    }
    // The lockfile marks packages needed only by devDependencies with "dev": true.
    const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const devOnly = topLevelModules.filter((name) => lock.packages[`node_modules/${name}`]?.dev === true);
    expect(devOnly).toEqual([]);
  });

  test('the app icon ships beside app.asar and the executable is named lobstr-tray', () => {
    const icon = path.join(unpacked, 'resources', 'icon.png');
    const header = readFileSync(icon).subarray(0, 24);
    expect(header.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([header.readUInt32BE(16), header.readUInt32BE(20)]).toEqual([512, 512]);
    expect(statSync(path.join(unpacked, 'lobstr-tray')).isFile()).toBe(true);
  });
});

// The stand-in codesign is a shell script: it cannot run on Windows.
describe.skipIf(process.platform === 'win32')('the macOS app (electron-builder --mac dir, stand-in Electron and codesign)', () => {
  const electronMacDist = path.join(scratch, 'electron-mac');
  const outputDir = path.join(scratch, 'release-mac');
  const codesignDir = path.join(repoRoot, 'tests', 'fixtures', 'fake-codesign');
  const entitlements = path.join(repoRoot, 'build', 'entitlements.mac.plist');
  let app = '';
  let calls: string[][] = [];

  /** The calls the stand-in codesign recorded in `log` (one argument per line, an empty line after each call). */
  function recorded(log: string): string[][] {
    if (!existsSync(log)) return [];
    return readFileSync(log, 'utf8')
      .split('\n\n')
      .filter((call) => call.trim() !== '')
      .map((call) => call.replace(/^\n+/, '').split('\n'));
  }

  /** The environment of a build with no developer identity or notarisation credentials. */
  function envWithout(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (/^(CSC_|APPLE_|FAKE_CODESIGN)/.test(key)) continue;
      env[key] = value;
    }
    return { ...env, PATH: `${codesignDir}${path.delimiter}${process.env.PATH ?? ''}`, ...extra };
  }

  beforeAll(() => {
    ensureBuilt();
    writeFakeElectronMacDist(electronMacDist, '45.5.0');
    // electron-builder turns resources/icon.png into an .icns with a tool bundle it downloads; an
    // .icns of its own is copied as it is, so nothing is downloaded.
    const icns = path.join(scratch, 'icon.icns');
    writeFileSync(icns, Buffer.from('icns\0\0\0\x08', 'latin1'));
    const log = path.join(scratch, 'codesign-build.log');
    runElectronBuilder(
      ['--mac', 'dir', `-c.electronDist=${electronMacDist}`, `-c.directories.output=${outputDir}`, `-c.mac.icon=${icns}`],
      envWithout({ FAKE_CODESIGN_LOG: log }),
    );
    const outDir = readdirSync(outputDir).find((name) => name.startsWith('mac'));
    app = path.join(outputDir, outDir ?? 'mac', 'Lobstr Tray.app');
    calls = recorded(log);
  }, 180_000);

  test('without a developer identity the app is signed ad hoc, inside out, bound to the app id, then verified', () => {
    const verify = ['--verify', '--deep', '--strict', '--verbose=2', app];
    expect(calls[0]).toEqual(verify); // electron-builder could not sign: nothing verifies yet
    expect(calls.at(-1)).toEqual(verify);
    const signs = calls.slice(1, -1);
    const hardened = ['--sign', '-', '--force', '--timestamp=none', '--options', 'runtime', '--entitlements', entitlements];
    for (const call of signs) expect(call.slice(0, hardened.length)).toEqual(hardened);

    // The app last, bound to the app id; every nested piece of code before the bundle holding it.
    expect(signs.at(-1)).toEqual([...hardened, '--identifier', 'io.lobstrtray.app', app]);
    const targets = signs.map((call) => call.at(-1) ?? '');
    const inside = (file: string) => path.relative(app, file);
    expect(targets.slice(0, -1).map(inside).sort()).toEqual(
      [
        'Contents/Frameworks/Electron Framework.framework',
        'Contents/Frameworks/Electron Framework.framework/Versions/A/Electron Framework',
        'Contents/Frameworks/Electron Framework.framework/Versions/A/Libraries/libffmpeg.dylib',
        ...HELPER_SUFFIXES.flatMap((suffix) => [
          `Contents/Frameworks/Lobstr Tray Helper${suffix}.app`,
          `Contents/Frameworks/Lobstr Tray Helper${suffix}.app/Contents/MacOS/Lobstr Tray Helper${suffix}`,
        ]),
        'Contents/MacOS/Lobstr Tray',
      ].sort(),
    );
    targets.forEach((target, index) => {
      // Nothing inside a bundle is signed after the bundle: that would break its seal.
      expect(targets.slice(index + 1).filter((other) => other.startsWith(`${target}${path.sep}`)), target).toEqual([]);
    });
  });

  test('the entitlements allow V8’s JIT and, for the ad-hoc signature, disable library validation', () => {
    const plist = readFileSync(entitlements, 'utf8');
    for (const key of [
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.allow-unsigned-executable-memory',
      'com.apple.security.cs.disable-library-validation',
    ]) {
      expect(plist).toMatch(new RegExp(`<key>${key.replaceAll('.', '\\.')}</key>\\s*<true/>`));
    }
  });

  test('the bundle id is the app id, asar integrity is embedded, and the fuses are flipped in the framework', async () => {
    const info = readFileSync(path.join(app, 'Contents', 'Info.plist'), 'utf8');
    expect(info).toMatch(/<key>CFBundleIdentifier<\/key>\s*<string>io\.lobstrtray\.app<\/string>/);
    // Notifications as alerts: macOS shows their action button ("Re-sync") only then.
    expect(info).toMatch(/<key>NSUserNotificationAlertStyle<\/key>\s*<string>alert<\/string>/);
    expect(info).toMatch(/<key>ElectronAsarIntegrity<\/key>\s*<dict>\s*<key>Resources\/app\.asar<\/key>/);
    const wire = await fuses.getCurrentFuseWire(app);
    expect(fuseState(wire[fuses.FuseV1Options.RunAsNode ?? -1])).toBe('off');
    expect(fuseState(wire[fuses.FuseV1Options.EnableNodeCliInspectArguments ?? -1])).toBe('off');
    expect(fuseState(wire[fuses.FuseV1Options.EnableEmbeddedAsarIntegrityValidation ?? -1])).toBe('on');
  });

  test('with the hardened runtime turned off (mac.hardenedRuntime: false), ad hoc signs without runtime options', async () => {
    const log = path.join(scratch, 'codesign-not-hardened.log');
    await signAdHoc({ app, identifier: 'io.lobstrtray.app', entitlements, hardenedRuntime: false, env: envWithout({ FAKE_CODESIGN_LOG: log }) });
    const made = recorded(log);
    expect(made.length).toBe(calls.length - 2);
    for (const call of made) expect(call.slice(0, 4)).toEqual(['--sign', '-', '--force', '--timestamp=none']);
    expect(made.filter((call) => call.includes('--options') || call.includes('--entitlements'))).toEqual([]);
    expect(made.at(-1)).toEqual(['--sign', '-', '--force', '--timestamp=none', '--identifier', 'io.lobstrtray.app', app]);
  });

  describe('with a developer identity (electron-builder signs with it on a Mac; the hook checks)', () => {
    function run(name: string, extra: Record<string, string>) {
      const log = path.join(scratch, `codesign-${name}.log`);
      const signing = ensureSigned({
        app,
        appId: 'io.lobstrtray.app',
        entitlements,
        hardenedRuntime: true,
        macOptions: {},
        env: envWithout({ FAKE_CODESIGN_LOG: log, ...extra }),
      });
      return { signing, calls: () => recorded(log) };
    }

    test('CSC_NAME and an app signed with it: verified, never re-signed ad hoc', async () => {
      const { signing, calls: made } = run('identity', { CSC_NAME: 'Jane Appleseed (TEAM123456)', FAKE_CODESIGN_PRESIGNED: '1' });
      await signing;
      expect(made()).toEqual([['--verify', '--deep', '--strict', '--verbose=2', app]]);
    });

    test('CSC_NAME but the app does not verify: the build fails naming the identity, nothing is signed ad hoc', async () => {
      const { signing, calls: made } = run('identity-missing', { CSC_NAME: 'Jane Appleseed (TEAM123456)' });
      await expect(signing).rejects.toThrow(/Lobstr Tray\.app was to be signed with Jane Appleseed \(TEAM123456\)/);
      expect(made().filter((call) => call.includes('--sign'))).toEqual([]);
    });

    test('notarisation credentials without an identity: the build fails, since ad hoc cannot be notarised', async () => {
      const { signing } = run('notarise', { APPLE_ID: 'dev@example.invalid', APPLE_APP_SPECIFIC_PASSWORD: 'x', APPLE_TEAM_ID: 'T' });
      await expect(signing).rejects.toThrow(/cannot be notarised/);
    });

    test('no codesign on this machine: one clear error, not an unsigned app', async () => {
      const signing = ensureSigned({
        app,
        appId: 'io.lobstrtray.app',
        entitlements,
        hardenedRuntime: true,
        macOptions: {},
        env: { PATH: path.join(scratch, 'empty-bin') },
      });
      await expect(signing).rejects.toThrow(/codesign was not found: a macOS build of Lobstr Tray can only be signed on macOS/);
    });
  });
});
