#!/usr/bin/env node
// Validates an electron-builder config offline: `node scripts/validate-eb.cjs [electron-builder.yml]`.
// Uses electron-builder's own loader and schema (a plain build would validate too, but then spends
// most of a minute trying to download Electron), then checks that the files it names exist.
// Prints "OK: <file>" and exits 0, or prints what is wrong and exits 1.
const fs = require('node:fs');
const path = require('node:path');
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');

function missingFiles(config, projectDir) {
  const named = [];
  for (const platform of ['linux', 'mac', 'win']) {
    const icon = config[platform] && config[platform].icon;
    if (typeof icon === 'string') named.push(`${platform}.icon: ${icon}`);
  }
  const mac = config.mac || {};
  for (const key of ['entitlements', 'entitlementsInherit']) {
    if (typeof mac[key] === 'string') named.push(`mac.${key}: ${mac[key]}`);
  }
  if (typeof config.afterSign === 'string') named.push(`afterSign: ${config.afterSign}`);
  for (const entry of [].concat(config.extraResources || [])) {
    const from = typeof entry === 'string' ? entry : entry && entry.from;
    if (typeof from === 'string' && !from.includes('*')) named.push(`extraResources: ${from}`);
  }
  return named.filter((item) => !fs.existsSync(path.resolve(projectDir, item.slice(item.indexOf(': ') + 2))));
}

async function main() {
  const file = process.argv[2] || 'electron-builder.yml';
  const projectDir = process.cwd();
  const config = await getConfig(projectDir, path.resolve(projectDir, file), null);
  await validateConfiguration(config, new DebugLogger(false));
  const missing = missingFiles(config, projectDir);
  if (missing.length > 0) throw new Error(`${file} names files that do not exist: ${missing.join(', ')}`);
  console.log(`OK: ${file}`);
}

main().catch((error) => {
  console.error(error && error.message ? error.message : String(error));
  process.exit(1);
});
