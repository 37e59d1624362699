// The status bar item: model loading, ready, generating, Roslyn only, error. Clicking it opens the output.
import * as vscode from 'vscode';
import { StatusParams, statusPresentation } from './protocol';

type ClientStatus = { state: 'starting' | 'restarting' | 'stopped'; message?: string };

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('codeassist.status', vscode.StatusBarAlignment.Right, 100);
  private current: StatusParams | ClientStatus = { state: 'starting' };

  constructor() {
    this.item.name = 'CodeAssist';
    this.item.command = 'codeassist.showOutput';
    this.show(this.current);
    this.item.show();
  }

  show(status: StatusParams | ClientStatus): void {
    this.current = status;
    const presentation = statusPresentation(status);
    this.item.text = presentation.text;
    this.item.tooltip = `${presentation.tooltip}\n\nClick to open the CodeAssist output.`;
    this.item.backgroundColor = presentation.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  /** Moves from "starting" to a default once the client is up, unless the server already reported its state. */
  showIfStarting(status: StatusParams): void {
    if (this.current.state === 'starting') {
      this.show(status);
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
