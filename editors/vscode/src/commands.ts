// The extension's commands. Each is a thin request to the server; fixes and refactorings need no command here
// because the server offers them as standard code actions.
import * as vscode from 'vscode';
import { ProgressType } from 'vscode-languageclient/node';
import { MarkdownPanel } from './markdownPanel';
import {
  analyzeStackTraceMethod,
  contextMarkdown,
  contextMethod,
  explainMarkdown,
  explainMethod,
  looksLikeStackTrace,
  markdownOf,
  stackTraceMarkdown,
  statsMarkdown,
  statsMethod,
} from './protocol';
import { pullModel } from './pullModel';
import { ServerController } from './serverController';

const partialResult = new ProgressType<unknown>();

export function registerCommands(controller: ServerController): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('codeassist.explainSelection', () => explainSelection(controller)),
    vscode.commands.registerCommand('codeassist.analyzeStackTrace', (text?: string) => analyzeStackTrace(controller, text)),
    vscode.commands.registerCommand('codeassist.showContext', () => showContext(controller)),
    vscode.commands.registerCommand('codeassist.showStats', () => showStats(controller)),
    vscode.commands.registerCommand('codeassist.restartServer', () => controller.restart()),
    vscode.commands.registerCommand('codeassist.pullModel', (name?: string) => pullModel(controller, name)),
    vscode.commands.registerCommand('codeassist.showOutput', () => controller.output.show(true)),
    vscode.commands.registerCommand('codeassist.openLocation', openLocation),
    // The server's "Explain with CodeAssist" code action runs this client command with [uri, range].
    vscode.commands.registerCommand('codeassist.explain', (uri: string, range: LspRange) => explainRange(controller, uri, range)),
  ];
}

/** Opens a file at a 1-based line: the links of the stack trace view. */
async function openLocation(uri: string, line: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), {
    viewColumn: vscode.ViewColumn.One,
    selection: new vscode.Range(position, position),
  });
}

/**
 * Sends a request whose partial results stream into a markdown panel through $/progress; the final result then
 * replaces the streamed text.
 */
async function streamIntoPanel(
  controller: ServerController,
  title: string,
  method: string,
  params: Record<string, unknown>,
  toMarkdown: (result: unknown) => string | undefined,
): Promise<void> {
  const client = controller.runningClient;
  if (!client) {
    return;
  }
  const panel = MarkdownPanel.show(title);
  const cancellation = panel.cancellation;
  const token = `codeassist-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const subscription = client.onProgress(partialResult, token, (value) => {
    const chunk = markdownOf(value);
    if (chunk !== undefined && !cancellation.isCancellationRequested) {
      panel.append(chunk);
    }
  });
  try {
    const result = await client.sendRequest(method, { ...params, partialResultToken: token }, cancellation);
    if (!cancellation.isCancellationRequested) {
      panel.complete(toMarkdown(result));
    }
  } catch (error) {
    if (cancellation.isCancellationRequested) {
      return; // closed or replaced: nothing to show
    }
    const message = error instanceof Error ? error.message : String(error);
    controller.output.error(`${method}: ${message}`);
    panel.fail(message);
  } finally {
    subscription.dispose();
  }
}

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

async function explainRange(controller: ServerController, uri: string, range: LspRange): Promise<void> {
  const name = decodeURIComponent(uri.split('/').pop() ?? uri);
  await streamIntoPanel(controller, `Explain: ${name}:${range.start.line + 1}`, explainMethod, { textDocument: { uri }, range }, explainMarkdown);
}

async function explainSelection(controller: ServerController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a C# file and select code to explain.');
    return;
  }
  const client = controller.runningClient;
  if (!client) {
    return;
  }
  // An empty selection asks the server to explain the enclosing member.
  const range = editor.selection;
  const name = editor.document.uri.path.split('/').pop();
  await streamIntoPanel(
    controller,
    `Explain: ${name}:${range.start.line + 1}`,
    explainMethod,
    {
      textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
      range: client.code2ProtocolConverter.asRange(range),
    },
    explainMarkdown,
  );
}

async function analyzeStackTrace(controller: ServerController, given?: string): Promise<void> {
  let text = given;
  if (!text) {
    const clipboard = await vscode.env.clipboard.readText();
    text = looksLikeStackTrace(clipboard)
      ? clipboard
      : await vscode.window.showInputBox({
          title: 'Analyze Stack Trace',
          prompt: 'Paste a .NET exception and stack trace (or copy one to the clipboard and run the command again)',
          ignoreFocusOut: true,
        });
  }
  if (!text) {
    return;
  }
  await streamIntoPanel(controller, 'Stack trace', analyzeStackTraceMethod, { text }, stackTraceMarkdown);
}

async function showContext(controller: ServerController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const client = controller.runningClient;
  if (!editor || !client) {
    return;
  }
  await streamIntoPanel(
    controller,
    'Context at cursor',
    contextMethod,
    {
      textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
      position: client.code2ProtocolConverter.asPosition(editor.selection.active),
    },
    contextMarkdown,
  );
}

async function showStats(controller: ServerController): Promise<void> {
  await streamIntoPanel(controller, 'CodeAssist stats', statsMethod, {}, statsMarkdown);
}
