// Reports where the cursor rests in a C# document to a server that advertises codeAssist/didChangeCursor
// (cursorReports.ts holds the debounce and the dedupe; this file only listens to the editor).
import * as vscode from 'vscode';
import type { InitializeResult, LanguageClient } from 'vscode-languageclient/node';
import { advertisesCursorReports, CursorReporter, didChangeCursorNotification } from './cursorReports';

/** The documents the server handles: the client's document selector (C# files, saved or untitled). */
function isServed(document: vscode.TextDocument): boolean {
  return document.languageId === 'csharp' && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
}

export class CursorTracking implements vscode.Disposable {
  private readonly reporter: CursorReporter;
  private readonly listeners: vscode.Disposable[];
  /** The initialize result of the server reported to: a restart (same client object) brings a new one. */
  private reportedTo: InitializeResult | undefined;

  constructor(private readonly currentClient: () => LanguageClient | undefined) {
    this.reporter = new CursorReporter((params) => {
      const client = this.currentClient();
      if (client?.isRunning()) {
        void client.sendNotification(didChangeCursorNotification, params);
      }
    });
    this.listeners = [
      vscode.window.onDidChangeTextEditorSelection((event) => this.moved(event.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.moved(editor)),
    ];
  }

  private moved(editor: vscode.TextEditor): void {
    const client = this.currentClient();
    const server = client?.isRunning() ? client.initializeResult : undefined;
    if (!client || !server || !isServed(editor.document) || !advertisesCursorReports(server.capabilities)) {
      return;
    }
    if (server !== this.reportedTo) {
      // A restarted server has heard nothing: the first resting place is new to it even if it was sent before.
      this.reporter.reset();
      this.reportedTo = server;
    }
    this.reporter.moved({
      textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
      position: client.code2ProtocolConverter.asPosition(editor.selection.active),
    });
  }

  dispose(): void {
    this.reporter.dispose();
    this.listeners.forEach((listener) => listener.dispose());
  }
}
