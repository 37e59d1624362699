// Decides how to start `codeassist`. Free of the vscode module (file system and PATH are passed in) for tests.
import * as path from 'node:path';

export interface ServerCommand {
  command: string;
  args: string[];
  /** Where the command came from, for the output channel. */
  source: 'setting' | 'bundled' | 'path' | 'development';
}

export interface ResolveOptions {
  /** `codeassist.server.path`: an executable, or a `codeassist.dll` to run with `dotnet`. */
  configuredPath: string | undefined;
  extensionPath: string;
  workspaceFolders: readonly string[];
  /** The PATH environment variable. */
  searchPath: string | undefined;
  platform: NodeJS.Platform;
  isFile: (file: string) => boolean;
}

export class ServerNotFoundError extends Error {}

const devDll = path.join('src', 'CodeAssist.Cli', 'bin', '{config}', 'net10.0', 'codeassist.dll');

/**
 * The order is: the setting; an executable bundled in the extension (server/codeassist); `codeassist` on PATH
 * (the .NET tool); a development checkout around the workspace or the extension (`dotnet <dll>`).
 */
export function resolveServerCommand(options: ResolveOptions, args: string[] = ['serve']): ServerCommand {
  const exe = options.platform === 'win32' ? 'codeassist.exe' : 'codeassist';
  const configured = options.configuredPath?.trim();
  if (configured) {
    if (!options.isFile(configured)) {
      throw new ServerNotFoundError(`codeassist.server.path is set to "${configured}", which is not a file.`);
    }
    return withDll(configured, args, 'setting');
  }

  const bundled = path.join(options.extensionPath, 'server', exe);
  if (options.isFile(bundled)) {
    return { command: bundled, args, source: 'bundled' };
  }

  for (const dir of (options.searchPath ?? '').split(options.platform === 'win32' ? ';' : ':')) {
    if (dir && options.isFile(path.join(dir, exe))) {
      return { command: path.join(dir, exe), args, source: 'path' };
    }
  }

  for (const start of [...options.workspaceFolders, options.extensionPath]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      for (const config of ['Debug', 'Release']) {
        const dll = path.join(dir, devDll.replace('{config}', config));
        if (options.isFile(dll)) {
          return { command: 'dotnet', args: [dll, ...args], source: 'development' };
        }
      }
      if (path.dirname(dir) === dir) {
        break;
      }
    }
  }

  throw new ServerNotFoundError(
    'The CodeAssist server was not found. Install the .vsix built for your platform (it carries the server), ' +
      'or install it with `dotnet tool install --global codeassist`, ' +
      'or set codeassist.server.path to the codeassist executable or codeassist.dll.',
  );
}

function withDll(file: string, args: string[], source: ServerCommand['source']): ServerCommand {
  return file.toLowerCase().endsWith('.dll')
    ? { command: 'dotnet', args: [file, ...args], source }
    : { command: file, args, source };
}
