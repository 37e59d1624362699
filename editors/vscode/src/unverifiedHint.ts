// A status bar hint while an unverified suggestion may be on screen (only with completion.showUnverified: the
// server withholds unverified suggestions otherwise). vscode-languageclient drops an item's `data` when it converts
// it, so the verification state is read from the accepted command's second argument, where the server repeats it.
import * as vscode from 'vscode';
import { isUnverified } from './protocol';

type InlineResult = vscode.InlineCompletionItem[] | vscode.InlineCompletionList | null | undefined;
type NextProvider = (
  document: vscode.TextDocument,
  position: vscode.Position,
  context: vscode.InlineCompletionContext,
  token: vscode.CancellationToken,
) => vscode.ProviderResult<vscode.InlineCompletionItem[] | vscode.InlineCompletionList>;

export class UnverifiedHint implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('codeassist.unverified', vscode.StatusBarAlignment.Right, 99);
  private readonly listeners: vscode.Disposable[];

  constructor() {
    this.item.name = 'CodeAssist unverified suggestion';
    this.item.text = '$(warning) CodeAssist: unverified';
    this.item.tooltip = 'The suggestion shown was not checked by the compiler in time (codeassist.completion.showUnverified).';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    // The suggestion goes away when the text or the cursor changes; so does the hint until the next answer.
    this.listeners = [
      vscode.workspace.onDidChangeTextDocument(() => this.item.hide()),
      vscode.window.onDidChangeActiveTextEditor(() => this.item.hide()),
    ];
  }

  /** Middleware for vscode-languageclient: passes the items on and shows the hint when one is unverified. */
  readonly provideInlineCompletionItems = async (
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
    next: NextProvider,
  ): Promise<InlineResult> => {
    const result: InlineResult = await next(document, position, context, token);
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    if (items.some(isUnverified)) {
      this.item.show();
    } else {
      this.item.hide();
    }
    return result;
  };

  dispose(): void {
    this.listeners.forEach((listener) => listener.dispose());
    this.item.dispose();
  }
}
