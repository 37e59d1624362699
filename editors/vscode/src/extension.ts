// Entry point: a thin client. Inline completions, fixes and refactorings come from the server through the
// standard protocol (vscode-languageclient registers them); the extension adds commands and a status item.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { CursorTracking } from './cursorTracking';
import { ServerController } from './serverController';
import { needsRestart, section } from './settings';
import { StatusItem } from './statusItem';

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('CodeAssist', { log: true });
  const status = new StatusItem();
  controller = new ServerController(context, output, status);
  const current = controller;
  context.subscriptions.push(
    output,
    status,
    current,
    ...registerCommands(current),
    new CursorTracking(() => current.quietClient),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void current.onTrustGranted()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(section)) {
        return;
      }
      void (needsRestart((key) => event.affectsConfiguration(key)) ? current.restart() : current.onConfigurationChanged());
    }),
  );
  await current.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
