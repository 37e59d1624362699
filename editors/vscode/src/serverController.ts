// Owns the language client: starts `codeassist serve` over stdio, restarts it with a backoff when it crashes
// (and says so), and passes settings on.
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import type { Readable } from 'node:stream';
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';
import { StatusParams, didChangeTrustNotification, statusNotification } from './protocol';
import { parseServerLogLine } from './serverLog';
import { RestartPolicy } from './restartPolicy';
import { resolveServerCommand, ServerCommand } from './serverCommand';
import { restrictedSettingKeys, section, serverSettingKeys, toServerSettings } from './settings';
import { StatusItem } from './statusItem';
import { UnverifiedHint } from './unverifiedHint';

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly policy = new RestartPolicy();
  private readonly settingKeys: string[];
  private readonly unverifiedHint = new UnverifiedHint();
  private readonly restrictedKeys: Set<string>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
    private readonly status: StatusItem,
  ) {
    this.settingKeys = serverSettingKeys(context.extension.packageJSON);
    this.restrictedKeys = restrictedSettingKeys(context.extension.packageJSON);
  }

  /** The running client, or undefined (with a message to the user) when the server is not running. */
  get runningClient(): LanguageClient | undefined {
    if (this.client?.isRunning()) {
      return this.client;
    }
    void vscode.window.showWarningMessage('The CodeAssist server is not running. See the CodeAssist output.');
    return undefined;
  }

  /** The running client without telling the user anything when there is none (for background work). */
  get quietClient(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  /** Resolves how to run `codeassist` with the given arguments (also used by Pull Model). */
  resolveCommand(args: string[]): ServerCommand {
    return resolveServerCommand(
      {
        configuredPath: vscode.workspace.getConfiguration(section).get<string>('server.path'),
        extensionPath: this.context.extensionPath,
        // A development build inside an untrusted folder is the folder's own code: never run it in Restricted Mode.
        workspaceFolders: vscode.workspace.isTrusted ? (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath) : [],
        searchPath: process.env.PATH,
        platform: process.platform,
        isFile: (file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false,
      },
      args,
    );
  }

  serverSettings(): Record<string, unknown> {
    const configuration = vscode.workspace.getConfiguration(section);
    return toServerSettings(this.settingKeys, (key) => configuration.inspect(key), {
      trusted: vscode.workspace.isTrusted,
      restricted: this.restrictedKeys,
    });
  }

  async start(): Promise<void> {
    let command: ServerCommand;
    try {
      command = this.resolveCommand(['serve']);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.output.error(message);
      this.status.show({ state: 'stopped', message });
      void vscode.window.showErrorMessage(message, 'Open Settings').then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'codeassist.server.path');
        }
      });
      return;
    }

    if (command.source === 'bundled') {
      ensureExecutable(command.command);
    }
    this.output.info(`Starting ${command.command} ${command.args.join(' ')} (found: ${command.source})`);
    this.status.show({ state: 'starting' });
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const serverOptions: ServerOptions = { command: command.command, args: command.args, options: { cwd } };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'csharp' },
        { scheme: 'untitled', language: 'csharp' },
      ],
      outputChannel: this.output,
      stdioOptions: { stdout: (input) => this.pipeLog(input), stderr: (input) => this.pipeLog(input) },
      middleware: { provideInlineCompletionItems: this.unverifiedHint.provideInlineCompletionItems },
      // Workspace Trust decides whether the folder's .codeassist.json is obeyed in full (docs/lsp-extensions.md).
      initializationOptions: () => ({ ...this.serverSettings(), workspaceTrusted: vscode.workspace.isTrusted }),
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => this.onServerClosed(),
      },
    };
    const client = new LanguageClient('codeassist', 'CodeAssist', serverOptions, clientOptions);
    client.onNotification(statusNotification, (params: StatusParams) => this.status.show(params));
    this.client = client;
    try {
      await client.start();
      this.status.showIfStarting({ state: 'ready', message: 'Server started' });
    } catch (error) {
      this.output.error(`The server failed to start: ${error instanceof Error ? error.message : String(error)}`);
      this.status.show({ state: 'error', message: 'The server failed to start: see the output' });
    }
  }

  private pipeLog(input: Readable): void {
    readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on('line', (line) => {
      const { level, text } = parseServerLogLine(line);
      this.output[level](text);
    });
  }

  /** Called by the client when the server's process goes away without stop(): a crash. */
  private async onServerClosed(): Promise<CloseHandlerResult> {
    const decision = this.policy.onCrash();
    if (!decision) {
      const message = `The CodeAssist server crashed ${this.policy.maxAttempts} times in a few minutes and will not be restarted. Run "CodeAssist: Restart Server" after fixing the cause (see the output).`;
      this.status.show({ state: 'stopped', message });
      void vscode.window.showErrorMessage(message);
      return { action: CloseAction.DoNotRestart, message, handled: true };
    }
    const seconds = (decision.delayMs / 1000).toFixed(1);
    const message = `The CodeAssist server stopped unexpectedly; restarting in ${seconds} s (attempt ${decision.attempt} of ${this.policy.maxAttempts}).`;
    this.output.warn(message);
    this.status.show({ state: 'restarting', message });
    void vscode.window.showWarningMessage(message);
    await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    return { action: CloseAction.Restart, handled: true };
  }

  async restart(): Promise<void> {
    this.policy.reset();
    await this.stop();
    await this.start();
  }

  async onConfigurationChanged(): Promise<void> {
    if (this.client?.isRunning()) {
      await this.client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { [section]: this.serverSettings() },
      });
    }
  }

  /** The user trusted the workspace: the server reads the folder's settings again, and the workspace values now apply. */
  async onTrustGranted(): Promise<void> {
    if (this.client?.isRunning()) {
      await this.client.sendNotification(didChangeTrustNotification, { trusted: true });
      await this.onConfigurationChanged();
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.needsStop()) {
      try {
        await client.stop(5000);
      } catch (error) {
        this.output.warn(`Stopping the server: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  dispose(): void {
    this.unverifiedHint.dispose();
    void this.stop();
  }
}

/**
 * The .vsix keeps the bundled server's execute bit, but an unpacker that drops it would leave "EACCES" as the only
 * clue; restore it (on Windows there is nothing to restore).
 */
function ensureExecutable(file: string): void {
  if (process.platform === 'win32') {
    return;
  }
  try {
    const mode = fs.statSync(file).mode;
    if ((mode & 0o111) === 0) {
      fs.chmodSync(file, mode | 0o755);
    }
  } catch {
    // Starting it reports the real problem.
  }
}
