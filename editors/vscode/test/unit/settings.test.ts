import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { needsRestart, restrictedSettingKeys, serverSettingKeys, SettingLayers, toServerSettings } from '../../src/settings';

const packageJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

test('serverSettingKeys_LeavesOutClientOnlyServerKeys', () => {
  const keys = serverSettingKeys(packageJson);
  assert.ok(keys.includes('provider'));
  assert.ok(keys.includes('completion.debounceMs'));
  assert.ok(!keys.some((key) => key.startsWith('server.')), keys.join(','));
});

test('toServerSettings_OnlyUserSetValues_NestedCamelCase', () => {
  const layers: Record<string, SettingLayers> = {
    provider: { globalValue: 'openai' },
    endpoint: { globalValue: 'http://127.0.0.1:9' },
    'completion.debounceMs': { globalValue: 10, workspaceValue: 20 },
    'completion.verify': { workspaceFolderValue: false, globalValue: true },
    'context.budgetTokens': {},
    model: { globalValue: '' },
  };
  const settings = toServerSettings(['completion.debounceMs', 'completion.verify', 'context.budgetTokens', 'endpoint', 'model', 'provider', 'trace'], (key) => layers[key]);
  assert.deepEqual(settings, {
    provider: 'openai',
    endpoint: 'http://127.0.0.1:9',
    completion: { debounceMs: 20, verify: false },
  });
});

test('toServerSettings_RestrictedMode_WorkspaceValuesOfRestrictedKeysAreNotSent', () => {
  const layers: Record<string, SettingLayers> = {
    endpoint: { globalValue: 'http://127.0.0.1:9', workspaceValue: 'http://attacker.example' },
    nativeLibraryPath: { workspaceFolderValue: '/repo/libllama.so' },
    redactSecrets: { workspaceValue: false },
    'completion.debounceMs': { globalValue: 10, workspaceValue: 20 },
  };
  const keys = Object.keys(layers);
  const restricted = restrictedSettingKeys(packageJson);

  const untrusted = toServerSettings(keys, (key) => layers[key], { trusted: false, restricted });
  const trusted = toServerSettings(keys, (key) => layers[key], { trusted: true, restricted });

  assert.deepEqual(untrusted, { endpoint: 'http://127.0.0.1:9', completion: { debounceMs: 20 } });
  assert.deepEqual(trusted, {
    endpoint: 'http://attacker.example',
    nativeLibraryPath: '/repo/libllama.so',
    redactSecrets: false,
    completion: { debounceMs: 20 },
  });
});

test('serverSettingKeys_NeverSendsTrustedFolders', () => {
  assert.ok(!serverSettingKeys(packageJson).includes('trustedFolders'));
  assert.ok(serverSettingKeys(packageJson).includes('exclude'));
});

test('toServerSettings_NothingSet_EmptyObject', () => {
  assert.deepEqual(toServerSettings(serverSettingKeys(packageJson), () => undefined), {});
});

test('toServerSettings_FalseAndZeroAreKept', () => {
  const settings = toServerSettings(['completion.enabled', 'threads'], (key) => ({ globalValue: key === 'threads' ? 0 : false }));
  assert.deepEqual(settings, { completion: { enabled: false }, threads: 0 });
});

test('needsRestart_OnlyForServerKeys', () => {
  assert.equal(needsRestart((key) => key === 'codeassist.server'), true);
  assert.equal(needsRestart((key) => key === 'codeassist.provider'), false);
});
