// Tidy test: the settings that package.json declares are exactly the server's options (CodeAssistOptions.cs, whose
// JSON form is camelCase), with the same defaults. A setting added on one side only fails here.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { serverSettingKeys } from '../../src/settings';

const extensionRoot = path.join(__dirname, '..', '..', '..');
const repoRoot = path.join(extensionRoot, '..', '..');
const optionsFile = path.join(repoRoot, 'src', 'CodeAssist.Features', 'Configuration', 'CodeAssistOptions.cs');
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
  const declared = serverSettingKeys(packageJson);
  const expected = [...serverKeys().keys()].sort();
  assert.deepEqual(declared, expected, 'codeassist.* settings in package.json vs CodeAssistOptions.cs');
});

test('packageJsonDefaults_MatchServerDefaults', () => {
  const properties = packageJson.contributes.configuration.properties as Record<string, { default: unknown }>;
  for (const [key, serverDefault] of serverKeys()) {
    assert.deepEqual(properties[`codeassist.${key}`]?.default, serverDefault, `default of codeassist.${key}`);
  }
});

test('everyCommand_IsDeclaredAndCategorised', () => {
  const commands = (packageJson.contributes.commands as Array<{ command: string; category: string }>).map((c) => c.command);
  const source = readFileSync(path.join(extensionRoot, 'src', 'commands.ts'), 'utf8');
  const registered = [...source.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual([...commands].sort(), registered);
});
