// Pull Model: runs `codeassist models pull` (the same executable as the server) with a progress notification.
import { spawn } from 'node:child_process';
import * as vscode from 'vscode';
import { percentageOf } from './protocol';
import { ServerController } from './serverController';

export async function pullModel(controller: ServerController, given?: string): Promise<void> {
  const name =
    given ??
    (await vscode.window.showInputBox({
      title: 'Pull Model',
      prompt: 'A model name from `codeassist models list`, or an https URL of a GGUF file (empty: the recommended model)',
      ignoreFocusOut: true,
    }));
  if (name === undefined) {
    return;
  }
  let command;
  try {
    command = controller.resolveCommand(['models', 'pull', ...(name.trim() ? [name.trim()] : [])]);
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return;
  }
  controller.output.info(`Running ${command.command} ${command.args.join(' ')}`);
  const exitCode = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'CodeAssist: pulling model', cancellable: true },
    (progress, token) =>
      new Promise<number>((resolve) => {
        const child = spawn(command.command, command.args, { stdio: ['ignore', 'pipe', 'pipe'] });
        token.onCancellationRequested(() => child.kill());
        let reported = 0;
        const onData = (data: Buffer) => {
          // Progress bars rewrite their line with \r; each piece is one update.
          for (const line of data.toString().split(/[\r\n]+/).filter((l) => l.trim())) {
            controller.output.info(line.trim());
            const percentage = percentageOf(line);
            if (percentage !== undefined && percentage > reported) {
              progress.report({ increment: percentage - reported, message: line.trim() });
              reported = percentage;
            } else if (percentage === undefined) {
              progress.report({ message: line.trim() });
            }
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('error', (error) => {
          controller.output.error(error.message);
          resolve(-1);
        });
        child.on('close', (code) => resolve(code ?? -1));
      }),
  );
  if (exitCode === 0) {
    const choice = await vscode.window.showInformationMessage('CodeAssist: model pulled. Restart the server to use it?', 'Restart');
    if (choice) {
      await controller.restart();
    }
  } else {
    const choice = await vscode.window.showErrorMessage(`CodeAssist: pulling the model failed (exit code ${exitCode}).`, 'Show Output');
    if (choice) {
      controller.output.show(true);
    }
  }
}
