import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { ResolveOptions, resolveServerCommand, ServerNotFoundError } from '../../src/serverCommand';

function options(files: string[], overrides: Partial<ResolveOptions> = {}): ResolveOptions {
  const set = new Set(files);
  return {
    configuredPath: '',
    extensionPath: '/ext/codeassist',
    workspaceFolders: ['/repo/samples/Inventory'],
    searchPath: '/usr/local/bin:/usr/bin',
    platform: 'linux',
    isFile: (file) => set.has(file),
    ...overrides,
  };
}

const devDll = '/repo/src/CodeAssist.Cli/bin/Debug/net10.0/codeassist.dll';

test('resolve_SettingWins_OverEverythingElse', () => {
  const command = resolveServerCommand(options(['/opt/ca/codeassist', '/ext/codeassist/server/codeassist', devDll], { configuredPath: '/opt/ca/codeassist' }));
  assert.deepEqual(command, { command: '/opt/ca/codeassist', args: ['serve'], source: 'setting' });
});

test('resolve_SettingIsDll_RunsWithDotnet', () => {
  const command = resolveServerCommand(options([devDll], { configuredPath: devDll }), ['models', 'pull', 'x']);
  assert.deepEqual(command, { command: 'dotnet', args: [devDll, 'models', 'pull', 'x'], source: 'setting' });
});

test('resolve_SettingPointsNowhere_ClearError', () => {
  assert.throws(() => resolveServerCommand(options([devDll], { configuredPath: '/nope/codeassist' })), (error: Error) => {
    assert.ok(error instanceof ServerNotFoundError);
    assert.match(error.message, /codeassist\.server\.path.*\/nope\/codeassist/);
    return true;
  });
});

test('resolve_Bundled_BeforePath', () => {
  const command = resolveServerCommand(options(['/ext/codeassist/server/codeassist', '/usr/bin/codeassist']));
  assert.equal(command.source, 'bundled');
  assert.equal(command.command, path.join('/ext/codeassist', 'server', 'codeassist'));
});

test('resolve_OnPath_BeforeDevelopmentCheckout', () => {
  const command = resolveServerCommand(options(['/usr/bin/codeassist', devDll]));
  assert.deepEqual(command, { command: '/usr/bin/codeassist', args: ['serve'], source: 'path' });
});

test('resolve_DevelopmentCheckout_FoundAboveWorkspace', () => {
  const command = resolveServerCommand(options([devDll]));
  assert.deepEqual(command, { command: 'dotnet', args: [devDll, 'serve'], source: 'development' });
});

test('resolve_DevelopmentCheckout_ReleaseBuild', () => {
  const release = '/repo/src/CodeAssist.Cli/bin/Release/net10.0/codeassist.dll';
  assert.deepEqual(resolveServerCommand(options([release])).args, [release, 'serve']);
});

test('resolve_Windows_LooksForExeWithSemicolonPath', () => {
  const command = resolveServerCommand(options(['C:\\tools/codeassist.exe'], { platform: 'win32', searchPath: 'C:\\tools;C:\\bin' }));
  assert.equal(command.source, 'path');
});

test('resolve_NothingFound_SaysHowToInstall', () => {
  assert.throws(() => resolveServerCommand(options([])), /\.vsix built for your platform.*dotnet tool install --global codeassist.*codeassist\.server\.path/s);
});
