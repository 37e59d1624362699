// A webview that shows markdown and fills in as an answer streams. Rendering goes through VS Code's own markdown
// engine (the built-in markdown extension's `markdown.api.render`), so the view looks like a markdown preview.
import * as vscode from 'vscode';
import { openLocationCommand } from './protocol';

export class MarkdownPanel implements vscode.Disposable {
  private static current: MarkdownPanel | undefined;
  /** Numbers each answer shown, so that a test can tell a new answer from the one it replaces. */
  private static answers = 0;
  private answer = ++MarkdownPanel.answers;
  private readonly panel: vscode.WebviewPanel;
  private markdown = '';
  private updates = 0;
  /** Partial results ($/progress) appended to this answer: the protocol's evidence that it streamed. */
  private chunks = 0;
  private state: 'streaming' | 'done' | 'error' = 'streaming';
  private renderTimer: NodeJS.Timeout | undefined;
  private rendering = false;
  private dirty = false;
  private disposed = false;
  private request = new vscode.CancellationTokenSource();

  /** Reuses the open panel, so that repeated commands do not pile up tabs. */
  static show(title: string): MarkdownPanel {
    if (MarkdownPanel.current && !MarkdownPanel.current.disposed) {
      MarkdownPanel.current.reset(title);
      return MarkdownPanel.current;
    }
    MarkdownPanel.current = new MarkdownPanel(title);
    return MarkdownPanel.current;
  }

  private constructor(title: string) {
    this.panel = vscode.window.createWebviewPanel(
      'codeassist.markdown',
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableCommandUris: [openLocationCommand], localResourceRoots: [] },
    );
    this.panel.onDidDispose(() => {
      this.disposed = true;
      this.request.cancel();
      clearTimeout(this.renderTimer);
    });
    this.panel.webview.html = this.page();
    this.scheduleRender();
  }

  /**
   * The token for the request that fills this view: cancelled when the view closes or a new answer replaces it,
   * so that the server stops generating text nobody will read.
   */
  get cancellation(): vscode.CancellationToken {
    return this.request.token;
  }

  private reset(title: string): void {
    this.answer = ++MarkdownPanel.answers;
    this.request.cancel();
    this.request = new vscode.CancellationTokenSource();
    this.panel.title = title;
    this.markdown = '';
    this.updates = 0;
    this.chunks = 0;
    this.state = 'streaming';
    this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.scheduleRender();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  append(chunk: string): void {
    this.markdown += chunk;
    this.chunks++;
    this.scheduleRender();
  }

  /** The final text replaces what streamed (the server sends the whole answer as the result). */
  complete(markdown: string | undefined): void {
    if (markdown !== undefined && markdown.length > 0) {
      this.markdown = markdown;
    }
    this.state = 'done';
    this.scheduleRender();
  }

  fail(message: string): void {
    this.markdown += `\n\n> **Error:** ${message}\n`;
    this.state = 'error';
    this.scheduleRender();
  }

  // Chunks can arrive every few milliseconds; rendering at most every 50 ms keeps the view smooth. Renders run one
  // at a time (rendering is async), so that an older render can never land after a newer one.
  private scheduleRender(): void {
    this.dirty = true;
    if (this.renderTimer || this.rendering || this.disposed) {
      return;
    }
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      void this.renderPending();
    }, 50);
  }

  private async renderPending(): Promise<void> {
    this.rendering = true;
    try {
      while (this.dirty && !this.disposed) {
        this.dirty = false;
        await this.render();
      }
    } finally {
      this.rendering = false;
    }
  }

  private async render(): Promise<void> {
    // Everything sent is read before the await, so that text, state and answer always belong together.
    const { markdown, state, answer, chunks } = this;
    const text = markdown.length > 0 ? markdown : '_Waiting for the server…_';
    let html: string;
    try {
      html = (await vscode.commands.executeCommand<string>('markdown.api.render', text)) ?? escapeHtml(text);
    } catch {
      html = `<pre>${escapeHtml(text)}</pre>`;
    }
    if (this.disposed) {
      return;
    }
    this.updates++;
    await this.panel.webview.postMessage({ html, state, updates: this.updates, answer, chunks });
  }

  private page(): string {
    const nonce = Math.random().toString(36).slice(2);
    return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; img-src data:;">
<style>
body { font-family: var(--vscode-markdown-font-family, var(--vscode-font-family)); font-size: var(--vscode-markdown-font-size, 14px); line-height: 1.5; padding: 0 20px; }
pre, code { font-family: var(--vscode-editor-font-family); }
pre { background: var(--vscode-textCodeBlock-background); padding: 8px; overflow-x: auto; }
#content[data-state="streaming"]::after { content: "▍"; opacity: 0.6; }
</style></head>
<body><div id="content" data-state="streaming" data-updates="0" data-chunks="0"></div>
<script nonce="${nonce}">
const content = document.getElementById('content');
// data-chunks counts the partial results ($/progress) the answer was built from, for tests to read.
window.addEventListener('message', (event) => {
  content.innerHTML = event.data.html;
  content.dataset.state = event.data.state;
  content.dataset.answer = String(event.data.answer);
  content.dataset.updates = String(event.data.updates);
  content.dataset.chunks = String(event.data.chunks);
});
</script></body></html>`;
  }

  dispose(): void {
    this.panel.dispose();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
