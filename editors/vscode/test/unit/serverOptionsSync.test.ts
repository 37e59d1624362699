// Tidy test: the settings that package.json declares are exactly the server's options (CodeAssistOptions.cs, whose
// JSON form is camelCase), with the same defaults. A setting added on one side only fails here.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { restrictedSettingKeys, serverSettingKeys, userFileOnlyKeys } from '../../src/settings';

const extensionRoot = path.join(__dirname, '..', '..', '..');
const repoRoot = path.join(extensionRoot, '..', '..');
const optionsFile = path.join(repoRoot, 'src', 'CodeAssist.Features', 'Configuration', 'CodeAssistOptions.cs');
// CodeAssistOptions takes the model settings' defaults from the Llm layer's record (`ModelDefaults.X`).
const llmOptionsFile = path.join(repoRoot, 'src', 'CodeAssist.Llm', 'LlmOptions.cs');
const packageJson = JSON.parse(readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));

interface CsProperty {
  type: string;
  name: string;
  defaultValue: string | undefined;
}

/** Properties ({ get; init; }) of each record in the file, by record name. */
function parseRecords(source: string): Map<string, CsProperty[]> {
  const records = new Map<string, CsProperty[]>();
  const recordPattern = /record\s+(\w+)\s*\{([\s\S]*?)\n\}/g;
  for (const record of source.matchAll(recordPattern)) {
    const properties: CsProperty[] = [];
    const propertyPattern = /public\s+([\w<>?,\s]+?)\s+(\w+)\s*\{\s*get;\s*init;\s*\}(?:\s*=\s*([^;]+);)?/g;
    for (const property of record[2].matchAll(propertyPattern)) {
      properties.push({ type: property[1].trim(), name: property[2], defaultValue: property[3]?.trim() });
    }
    records.set(record[1], properties);
  }
  return records;
}

const camel = (name: string) => name[0].toLowerCase() + name.slice(1);

/** Flattens CodeAssistOptions into dotted camelCase keys with their C# defaults, recursing into nested records. */
function serverKeys(): Map<string, unknown> {
  const records = parseRecords(readFileSync(optionsFile, 'utf8'));
  const keys = new Map<string, unknown>();
  const walk = (recordName: string, prefix: string) => {
    for (const property of records.get(recordName) ?? []) {
      const key = prefix + camel(property.name);
      if (records.has(property.type)) {
        walk(property.type, `${key}.`);
      } else {
        keys.set(key, csDefault(property));
      }
    }
  };
  walk('CodeAssistOptions', '');
  return keys;
}

function csDefault(property: CsProperty): unknown {
  const value = property.defaultValue;
  if (property.type.startsWith('IReadOnlyDictionary')) {
    return {};
  }
  if (property.type.startsWith('IReadOnlyList')) {
    return [];
  }
  if (value === undefined) {
    // C# defaults: false, 0, and null strings (which the settings UI shows as empty)
    return property.type === 'bool' ? false : property.type === 'int' ? 0 : '';
  }
  const seconds = /^\(int\)ModelDefaults\.(\w+)\.TotalSeconds$/.exec(value);
  if (seconds) {
    const llm = parseRecords(readFileSync(llmOptionsFile, 'utf8')).get('LlmOptions') ?? [];
    const span = /^TimeSpan\.FromSeconds\((\d+)\)$/.exec(llm.find((p) => p.name === seconds[1])?.defaultValue ?? '');
    if (span) {
      return Number(span[1]);
    }
  }
  const modelDefault = /^ModelDefaults\.(\w+)$/.exec(value);
  if (modelDefault) {
    const llm = parseRecords(readFileSync(llmOptionsFile, 'utf8')).get('LlmOptions') ?? [];
    const source = llm.find((p) => p.name === modelDefault[1]);
    if (source) {
      return csDefault({ ...source, type: property.type });
    }
  }
  if (value.startsWith('"')) {
    return JSON.parse(value);
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  if (/^-?\d+$/.test(value)) {
    return Number(value);
  }
  throw new Error(`Unrecognised default for ${property.name}: ${value}`);
}

test('optionsSource_IsWhereTheTestExpectsIt', () => {
  assert.ok(existsSync(optionsFile), optionsFile);
  assert.ok(serverKeys().size >= 15, `parsed only ${[...serverKeys().keys()].join(', ')}`);
});

test('packageJsonSettings_MatchServerOptions', () => {
  // Settings the server reads from its user file only are declared (for the settings UI) but never sent.
  const declared = [...serverSettingKeys(packageJson), ...userFileOnlyKeys].sort();
  const expected = [...serverKeys().keys()].sort();
  assert.deepEqual(declared, expected, 'codeassist.* settings in package.json vs CodeAssistOptions.cs');
});

test('packageJsonDefaults_MatchServerDefaults', () => {
  const properties = packageJson.contributes.configuration.properties as Record<string, { default: unknown }>;
  for (const [key, serverDefault] of serverKeys()) {
    assert.deepEqual(properties[`codeassist.${key}`]?.default, serverDefault, `default of codeassist.${key}`);
  }
});

test('restrictedConfigurations_AreDeclaredSettings_AndCoverEveryTrustedOnlyServerSetting', () => {
  const restricted = restrictedSettingKeys(packageJson);
  const properties = packageJson.contributes.configuration.properties as Record<string, unknown>;
  for (const key of restricted) {
    assert.ok(properties[`codeassist.${key}`] !== undefined || key === 'features', `restricted ${key} is not a declared setting`);
  }
  // The server's SettingTrust.cs lists these as trusted-only or safe-value-only: a workspace value must not reach it.
  const trustSource = readFileSync(path.join(repoRoot, 'src', 'CodeAssist.Features', 'Configuration', 'SettingTrust.cs'), 'utf8');
  const guarded = [...trustSource.matchAll(/\["([\w.*]+)"\] = SettingTrustLevel\.(TrustedOnly|SafeValueOnly|PathInsideFolder)/g)]
    .map((m) => m[1].replace(/^features\.\*\..*$/, 'features'));
  assert.ok(guarded.length >= 8, guarded.join(','));
  for (const key of guarded) {
    assert.ok(restricted.has(key), `${key} is guarded by the server but not in restrictedConfigurations`);
  }
  assert.ok(restricted.has('server.path'), 'server.path runs an executable: it must be restricted');
});

test('everyCommand_IsDeclaredAndCategorised', () => {
  const commands = (packageJson.contributes.commands as Array<{ command: string; category: string }>).map((c) => c.command);
  const source = readFileSync(path.join(extensionRoot, 'src', 'commands.ts'), 'utf8');
  const registered = [...source.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual([...commands].sort(), registered);
});
