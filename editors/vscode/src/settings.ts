// Maps the extension's `codeassist.*` settings to the server's options object (the JSON camelCase form of
// CodeAssistOptions). Kept free of the vscode module so that node's test runner can load it.

/** Settings under this prefix configure the client (how to start the server) and are never sent to the server. */
export const clientOnlyPrefix = 'server.';

export const section = 'codeassist';

/**
 * Settings the server reads from its own user settings file only; VS Code decides trust with Workspace Trust, so
 * the extension never forwards them.
 */
export const userFileOnlyKeys: readonly string[] = ['trustedFolders'];

/** What `WorkspaceConfiguration.inspect` returns, reduced to the layers a user can set. */
export interface SettingLayers {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The keys (relative to `codeassist.`) that package.json lists under capabilities.untrustedWorkspaces
 * .restrictedConfigurations: in Restricted Mode their workspace values (.vscode/settings.json is part of the
 * repository) are never sent to the server.
 */
export function restrictedSettingKeys(packageJson: { capabilities?: { untrustedWorkspaces?: { restrictedConfigurations?: string[] } } }): Set<string> {
  const restricted = packageJson.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
  return new Set(restricted.filter((key) => key.startsWith(`${section}.`)).map((key) => key.slice(section.length + 1)));
}

/** The keys (relative to `codeassist.`) that package.json declares and the server understands. */
export function serverSettingKeys(packageJson: { contributes?: { configuration?: unknown } }): string[] {
  const configuration = packageJson.contributes?.configuration;
  const blocks = Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
  const keys: string[] = [];
  for (const block of blocks as Array<{ properties?: Record<string, unknown> }>) {
    for (const fullKey of Object.keys(block.properties ?? {})) {
      if (!fullKey.startsWith(`${section}.`)) {
        continue;
      }
      const key = fullKey.slice(section.length + 1);
      if (!key.startsWith(clientOnlyPrefix) && !userFileOnlyKeys.includes(key)) {
        keys.push(key);
      }
    }
  }
  return keys.sort();
}

/**
 * The server settings as a nested object holding only the values that the user set somewhere. Defaults are left
 * out on purpose: the server merges editor settings over its own sources (user file, workspace .codeassist.json,
 * environment), and sending every default would silently override those.
 */
export function toServerSettings(
  keys: readonly string[],
  inspect: (key: string) => SettingLayers | undefined,
  trust: { trusted: boolean; restricted: ReadonlySet<string> } = { trusted: true, restricted: new Set() },
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const layers = inspect(key);
    const fromWorkspace = trust.trusted || !trust.restricted.has(key);
    const value = (fromWorkspace ? layers?.workspaceFolderValue ?? layers?.workspaceValue : undefined) ?? layers?.globalValue;
    if (value === undefined || value === null || value === '') {
      continue;
    }
    setPath(result, key, value);
  }
  return result;
}

function setPath(target: Record<string, unknown>, dottedKey: string, value: unknown): void {
  const parts = dottedKey.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    if (typeof child !== 'object' || child === null || Array.isArray(child)) {
      node[part] = {};
    }
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/** True when a configuration change needs a new server process rather than a didChangeConfiguration. */
export function needsRestart(affects: (fullKey: string) => boolean): boolean {
  return affects(`${section}.${clientOnlyPrefix.slice(0, -1)}`);
}
