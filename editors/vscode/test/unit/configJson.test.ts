// Tidy test against the server itself: `codeassist config --json` lists every effective setting with its value; in
// an empty workspace with no user settings and no CODEASSIST_* variables, each value is the default, and each must
// be declared in package.json with that default. (`features`, `providers` and `headers` are maps, listed only when
// they have entries.)
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { serverSettingKeys, userFileOnlyKeys } from '../../src/settings';

const extensionRoot = path.join(__dirname, '..', '..', '..');
const dll = path.join(extensionRoot, '..', '..', 'src', 'CodeAssist.Cli', 'bin', 'Debug', 'net10.0', 'codeassist.dll');
const packageJson = JSON.parse(readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));

function effectiveDefaults(): Record<string, { value: unknown; source: string }> {
  assert.ok(existsSync(dll), `${dll} is missing: run \`dotnet build src/CodeAssist.Cli\` first`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'codeassist-config-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_CACHE_HOME: path.join(tmp, 'cache') };
    for (const name of Object.keys(env)) {
      if (name.startsWith('CODEASSIST_')) delete env[name];
    }
    const run = spawnSync('dotnet', [dll, 'config', '--json', '--workspace', tmp], { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, `codeassist config --json failed: ${run.stderr}`);
    return JSON.parse(run.stdout).settings;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

test('configJson_EverySettingIsDeclaredWithItsDefault', () => {
  const settings = effectiveDefaults();
  const properties = packageJson.contributes.configuration.properties as Record<string, { default: unknown }>;
  for (const [key, { value, source }] of Object.entries(settings)) {
    assert.equal(source, 'default', `codeassist.${key} came from ${source}, not the default`);
    assert.ok(properties[`codeassist.${key}`], `codeassist.${key} is a server setting missing from package.json`);
    assert.deepEqual(properties[`codeassist.${key}`].default, value ?? '', `default of codeassist.${key}`);
  }
  const maps = ['features', 'providers', 'headers'];
  const declared = [...serverSettingKeys(packageJson), ...userFileOnlyKeys].filter((key) => !maps.includes(key)).sort();
  assert.deepEqual(declared, Object.keys(settings).sort(), 'package.json declares settings the server does not have');
});
