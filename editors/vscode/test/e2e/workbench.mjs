// Small helpers over the VS Code 1.139 workbench DOM (selectors from shared/recipes/editors.md).
const nbsp = /\u00a0/g;

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  async ready() {
    await this.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  }

  async openFile(name) {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
    await this.page.waitForSelector(`.tab.active:has-text("${name}")`, { timeout: 20_000 });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  }

  async goToLine(line) {
    await this.page.keyboard.press('Control+G');
    await this.page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector('.quick-input-widget', { state: 'hidden' });
  }

  async runCommand(title) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** The ghost text shown in the editor, its spans joined. */
  async ghostText() {
    const parts = await this.page.locator('.editor-instance .monaco-editor [class*="ghost-text"]').allTextContents();
    return parts.join('').replace(nbsp, ' ');
  }

  /** Every rendered editor line, in screen order. */
  async lines() {
    const lines = await this.page.locator('.editor-instance .monaco-editor .view-line').evaluateAll((nodes) =>
      nodes.map((node) => ({ top: parseFloat(node.style.top) || 0, text: node.textContent ?? '' })));
    return lines.sort((a, b) => a.top - b.top).map((line) => line.text.replace(nbsp, ' '));
  }

  async statusText() {
    const item = this.page.locator('.statusbar-item', { hasText: 'CodeAssist' }).first();
    return (await item.count()) > 0 ? (await item.textContent())?.trim() ?? '' : '';
  }

  /** The number of the answer the markdown view shows (0 when there is no view yet). */
  /**
   * Fails unless the element lies inside its editor's visible area, so that a screenshot taken next shows it
   * (a long line once scrolled the editor sideways, leaving the ghost text outside the picture).
   */
  async expectOnScreen(what, locator) {
    await locator.waitFor({ state: 'attached', timeout: 5000 });
    const place = await locator.evaluate((node) => {
      const box = node.getBoundingClientRect();
      const view = (node.closest('.overflow-guard') ?? node.closest('.monaco-editor') ?? document.body).getBoundingClientRect();
      return { box: [box.left, box.top, box.right, box.bottom], view: [view.left, view.top, view.right, view.bottom] };
    });
    const [left, top, right, bottom] = place.box;
    const [viewLeft, viewTop, viewRight, viewBottom] = place.view;
    if (right <= left || left < viewLeft || right > viewRight + 1 || top < viewTop || bottom > viewBottom + 1) {
      throw new Error(`${what} is outside the visible editor (element ${place.box.map(Math.round)}, editor ${place.view.map(Math.round)})`);
    }
  }

  /** The editor alone at full width: the markdown view of an earlier scenario otherwise halves it. */
  async closeOtherGroups() {
    await this.runCommand('View: Close Editors in Other Groups');
  }

  async markdownAnswer() {
    const frame = await this.markdownView();
    return frame ? Number((await frame.locator('#content').getAttribute('data-answer')) ?? 0) : 0;
  }

  /** The document of the frame that holds the CodeAssist markdown view (webviews are nested iframes). */
  async markdownView() {
    for (const frame of this.page.frames()) {
      try {
        if ((await frame.locator('#content[data-updates]').count()) > 0) {
          return frame;
        }
      } catch {
        // a frame that went away while looking
      }
    }
    return undefined;
  }
}

export async function waitFor(what, probe, timeoutMs, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last.ok) return last;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last.seen ?? last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Runs a command that fills the markdown view and waits until its answer (a newer one than before the command)
 * has finished; fails at once if the view shows an error.
 */
export async function runIntoView(wb, what, run) {
  const before = await wb.markdownAnswer();
  await run();
  return waitFor(what, async () => {
    const frame = await wb.markdownView();
    if (!frame) return { ok: false, seen: 'no view' };
    const content = frame.locator('#content');
    // One read of the DOM, so that state, answer and text belong together.
    const view = await content.evaluate((node) => ({ state: node.dataset.state, answer: Number(node.dataset.answer ?? 0), text: node.innerText.trim() }));
    if (view.answer <= before) return { ok: false, seen: { previousAnswer: before, ...view } };
    if (view.state === 'error') throw new Error(`the view shows an error: ${view.text}`);
    return { ok: view.state === 'done', seen: { ...view, text: view.text.slice(0, 200) }, text: view.text, frame, content };
  }, 90_000, 50);
}

/**
 * Whether `file` is the active tab of an editor group whose cursor is on 1-based `line`. The status bar's "Ln N" is
 * there only while a text editor is the active one, and clicking a link in a webview may leave the webview's group
 * active; the editor's own active line number shows its cursor either way.
 */
export async function editorAtLine(page, file, line) {
  const name = new RegExp(file.replace('.', '\\s*\\.'));
  const group = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: name }) });
  const lines = (await group.locator('.line-numbers.active-line-number').allInnerTexts()).map((text) => text.trim());
  const cursor = (await page.locator('.statusbar-item', { hasText: /^Ln \d+/ }).allInnerTexts()).join(' ');
  const tab = await page.locator('.tab.active').first().innerText();
  const ok = tab.replace(/\s/g, '').includes(file) && (lines.includes(String(line)) || new RegExp(`Ln ${line},`).test(cursor));
  return { ok, seen: { tab, cursor, activeLines: lines } };
}
