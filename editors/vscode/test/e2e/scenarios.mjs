// The end-to-end scenarios: each drives the real VS Code like a user would and asserts what the user would see.
// context: { artifacts, processGroup (code-server's), modelPort (the scripted model), tmp }.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { explainScenarios } from './explainScenarios.mjs';
import { runIntoView, waitFor } from './workbench.mjs';

export const completionText = 'level => level.OnHand);';
/** What the chain GGUF of the localModelInlineCompletion scenario writes after a typed "." (scripts/suites/50-vscode-e2e.sh). */
export const localCompletionText = 'Count;';
export const explainMarkdown = [
  '## TryReserve',
  '',
  'Reserves `quantity` units for an order when enough are **available**, and reports whether it did.',
  '',
  '- Guards against non-positive quantities.',
  '- Increments `Reserved`; `OnHand` is untouched until `Ship`.',
  '',
  '**Key risks:** not thread-safe; callers must check the result.',
].join('\n');
// The fix prompt's answer format (src/CodeAssist.Features/Prompts/Templates/fix.md): a hint line, then the member.
const fixedShip = ['    public void Ship(int quantity)', '    {', '        Reserved -= quantity;', '        OnHand -= quantity;', '    }'].join('\n');

export const stackTraceAnswer = 'The rollback in `TryReserveOrder` calls `Ship(-count)`, which un-reserves but also *adds* stock.';

/** Five real names (four of the sample's, one of the BCL's) and three invented ones, for InventoryService.TryReserveOrder. */
export const namesAnswer = [
  '`TryReserveOrder` reserves each line of the order, which raises `Reserved` while',
  '`OnHand` stays the same. On failure it undoes what it did with `StockLevel.Ship()`; the count is clamped with',
  '`System.Math.Max`.',
  '',
  'It never calls `StockLevel.Replenish()`, and `Warehouse.Restock` or ReserveAll() do not take part.',
].join('\n');

export const script = {
  completions: [{ when: 'TotalOnHand() => _stock.Values.Sum(', text: completionText }],
  chat: [
    { when: 'Reserved went negative', text: stackTraceAnswer },
    { when: 'Reserverd', text: `<reasoning>CS0103: no such name; Reserved exists.</reasoning>\nHint: Reserverd is a misspelling of Reserved.\n\n\`\`\`csharp\n${fixedShip}\n\`\`\`` },
    // A line only TryReserveOrder's own code has (its prompt also mentions TryReserve, which it calls).
    { when: 'foreach (var (done, count) in reserved)', text: namesAnswer },
    { when: 'TryReserve', text: explainMarkdown },
  ],
  chunkChars: 8,
  chunkDelayMs: 60, // the view is seen filling in (the test asserts the chunk count, never the timing)
};

/** The server's counters, read off the CodeAssist stats view ("| counter | value |" rows). */
async function statsCounters(wb) {
  const view = await runIntoView(wb, 'the stats', () => wb.runCommand('CodeAssist: Show Stats'));
  const counters = {};
  for (const match of view.text.matchAll(/^(\w+)\s+(\d+(?:\.\d+)?)$/gm)) counters[match[1]] = Number(match[2]);
  if (!('accepted' in counters)) throw new Error(`no counters in the stats view: ${view.text.slice(0, 300)}`);
  return counters;
}

/** The language server's pid: a `codeassist ... serve` process in code-server's process group. */
function serverPid(processGroup) {
  const rows = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' }).split('\n');
  const row = rows.map((r) => r.trim().split(/\s+/)).find((cols) => Number(cols[1]) === processGroup && cols.slice(2).join(' ').includes('codeassist') && cols.includes('serve'));
  return row ? Number(row[0]) : undefined;
}

export const scenarios = {
  ...explainScenarios,
  async statusBar(wb, page, context) {
    // The item follows codeAssist/status from the real server; clicking it opens the output channel.
    const status = await waitFor('a server state in the status bar', async () => {
      const text = await wb.statusText();
      return { ok: /CodeAssist(: (Roslyn only|loading.*|generating|error))?$/.test(text) && !/starting|stopped|restarting/.test(text), seen: text };
    }, 60_000);
    await page.locator('.statusbar-item', { hasText: 'CodeAssist' }).first().click();
    await waitFor('the CodeAssist output', async () => {
      const channel = await page.locator('.panel select.monaco-select-box').evaluateAll((nodes) => nodes.map((n) => n.value || n.title));
      const text = (await page.locator('.panel .monaco-editor .view-line').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
      return { ok: channel.some((c) => /CodeAssist/.test(c)) && /CodeAssist/.test(text), seen: { channel, text: text.slice(-200) } };
    }, 15_000);
    await page.screenshot({ path: path.join(context.artifacts, 'vscode-status-output.png') });
    console.log(`  status: ${status.seen}`);
    await page.keyboard.press('Control+J'); // close the panel again
  },


  async showContext(wb, page, context) {
    await wb.openFile('StockLevel.cs');
    await wb.goToLine(29); // Reserved += quantity; inside TryReserve
    await page.keyboard.press('End');
    const view = await runIntoView(wb, 'the context', () => wb.runCommand('CodeAssist: Show Context at Cursor'));
    await page.screenshot({ path: path.join(context.artifacts, 'vscode-context.png') });
    // What the prompt would carry at the cursor: at least the enclosing type and member, with a token count.
    for (const expected of [/\d+ of 1024 tokens, \d+ items\./, /class StockLevel/, /TryReserve\(int quantity\)/]) {
      if (!expected.test(view.text)) throw new Error(`the context lacks ${expected}: ${view.text.slice(0, 400)}`);
    }
  },

  async showStats(wb, page, context) {
    const view = await runIntoView(wb, 'the stats', () => wb.runCommand('CodeAssist: Show Stats'));
    await page.screenshot({ path: path.join(context.artifacts, 'vscode-stats.png') });
    if (!/requests\s+\d+/.test(view.text)) throw new Error(`the stats view has no request counter: ${view.text.slice(0, 300)}`);
  },

  async pullModel(wb, page, context) {
    const url = `http://127.0.0.1:${context.modelPort}/files/tiny-e2e.gguf`;
    await wb.runCommand('CodeAssist: Pull Model');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(url);
    await page.keyboard.press('Enter');
    await waitFor('the pulled notification', async () => {
      const notices = (await page.locator('.notifications-toasts .notification-list-item').allInnerTexts()).join('\n');
      if (/pulling the model failed/.test(notices)) throw new Error(notices);
      return { ok: /model pulled/.test(notices), seen: notices };
    }, 60_000);
    await page.screenshot({ path: path.join(context.artifacts, 'vscode-pull-model.png') });
    const cached = fs.readdirSync(path.join(context.tmp, 'xdg'), { recursive: true }).map(String).filter((f) => f.endsWith('tiny-e2e.gguf'));
    if (cached.length === 0) throw new Error('the model is not in the (test) user cache');
    // The CLI's progress lines reach the output channel (a log file under the profile's logs).
    const logs = path.join(context.tmp, 'user-data', 'logs');
    const output = fs.readdirSync(logs, { recursive: true }).map(String).filter((f) => f.endsWith('CodeAssist.log'))
      .map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('\n');
    const progressLines = output.split('\n').filter((line) => /\d+\.\d%/.test(line));
    if (progressLines.length < 2) throw new Error(`expected the download's progress in the output; saw ${progressLines.length} lines`);
    console.log(`  cached: ${cached.join(', ')}; ${progressLines.length} progress lines in the output`);
  },

  async restartOnCrash(wb, page, context) {
    const pid = serverPid(context.processGroup);
    if (!pid) throw new Error('no codeassist serve process found in the code-server process group');
    process.kill(pid, 'SIGKILL');
    await waitFor('the restart notice', async () => {
      const notices = (await page.locator('.notifications-toasts .notification-list-item').allInnerTexts()).join('\n');
      return { ok: /stopped unexpectedly; restarting in .* \(attempt 1 of \d\)/.test(notices), seen: notices };
    }, 15_000);
    await page.screenshot({ path: path.join(context.artifacts, 'vscode-restart.png') });
    const next = await waitFor('a new server process', async () => {
      const again = serverPid(context.processGroup);
      return { ok: again !== undefined && again !== pid, seen: again };
    }, 30_000);
    await waitFor('the status bar back to a server state', async () => {
      const text = await wb.statusText();
      return { ok: !/starting|stopped|restarting/.test(text), seen: text };
    }, 60_000);
    console.log(`  server pid ${pid} killed, restarted as ${next.seen}`);
  },

  async inlineCompletion(wb, page, context) {
    await wb.closeOtherGroups();
    await wb.openFile('InventoryService.cs');
    await wb.goToLine(41); // the blank line before StockValue()
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    const typed = '    public int TotalOnHand() => _stock.Values.Sum(';
    await page.keyboard.type(typed, { delay: 25 });
    // A user who sees nothing yet (the workspace may still be loading) types the last character again.
    let retypedAt = Date.now();
    await waitFor('ghost text', async () => {
      const seen = await wb.ghostText();
      if (seen.trim() !== completionText && Date.now() - retypedAt > 6000) {
        await page.keyboard.press('Backspace');
        await page.keyboard.type('(');
        retypedAt = Date.now();
      }
      return { ok: seen.trim() === completionText, seen };
    }, 90_000);
    await wb.expectOnScreen('the ghost text', page.locator('.editor-instance .monaco-editor [class*="ghost-text"]').last());
    await page.screenshot({ path: path.join(context.artifacts, 'vscode-inline-completion.png') });
    await page.keyboard.press('Tab');
    const expected = `${typed}${completionText}`;
    await waitFor('accepted line', async () => {
      const lines = await wb.lines();
      return { ok: lines.some((line) => line === expected) && (await wb.ghostText()).trim() === '', seen: lines.slice(38, 44) };
    }, 5000);
    await page.screenshot({ path: path.join(context.artifacts, 'vscode-inline-completion-accepted.png') });
  },

  async localModelInlineCompletion(wb, page, context) {
    // A real model: workspace settings switch the running server to a chain GGUF (tools/CodeAssist.Gguf chain), which
    // llama.cpp runs inside the server. Its weights continue the FIM middle marker and a typed "." with "Count;";
    // the scripted model has no answer for this line, so the ghost text can only come from the local model.
    const gguf = process.env.CHAIN_MODEL;
    if (!gguf || !fs.existsSync(gguf)) throw new Error(`CHAIN_MODEL is not a file: ${gguf}`);
    const before = await statsCounters(wb);
    const settingsFile = path.join(context.workspace, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({
      'codeassist.provider': 'local',
      'codeassist.model': gguf,
      'codeassist.threads': 1,
      'codeassist.contextSize': 2048,
      // A loaded CI machine may take longer than the default 150 ms to compile-check; never show it unverified.
      'codeassist.completion.verifyBudgetMs': 10000,
    }, null, 2));
    try {
      await wb.closeOtherGroups(); // the stats view just opened beside the editor
      await wb.openFile('InventoryService.cs');
      await wb.goToLine(41); // the blank line before StockValue()
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      const typed = '    public int Size => _stock.';
      await page.keyboard.type(typed, { delay: 25 });
      // The settings reach the server and the model loads in the background: until then, type the dot again.
      let retypedAt = Date.now();
      await waitFor('ghost text from the local model', async () => {
        const seen = await wb.ghostText();
        if (seen.trim() !== localCompletionText && Date.now() - retypedAt > 6000) {
          await page.keyboard.press('Backspace');
          await page.keyboard.type('.');
          retypedAt = Date.now();
        }
        return { ok: seen.trim() === localCompletionText, seen };
      }, 90_000);
      await wb.expectOnScreen('the ghost text', page.locator('.editor-instance .monaco-editor [class*="ghost-text"]').last());
      await page.screenshot({ path: path.join(context.artifacts, 'vscode-local-model-inline-completion.png') });
      await page.keyboard.press('Tab');
      const expected = `${typed}${localCompletionText}`;
      await waitFor('accepted line', async () => {
        const lines = await wb.lines();
        return { ok: lines.includes(expected) && (await wb.ghostText()).trim() === '', seen: lines.slice(38, 46) };
      }, 5000);
      await page.keyboard.press('Control+S');
      const file = path.join(context.workspace, 'InventoryService.cs');
      await waitFor('the saved file', async () => ({ ok: fs.readFileSync(file, 'utf8').includes(expected), seen: 'not saved yet' }), 10_000);

      // The server counted it: shown after a model call, accepted through codeAssist.accepted, never unverified.
      const after = await statsCounters(wb);
      const delta = (name) => (after[name] ?? 0) - (before[name] ?? 0);
      if (delta('accepted') !== 1 || delta('unverified') !== 0 || delta('modelCalls') < 1) {
        throw new Error(`stats changed by accepted ${delta('accepted')}, unverified ${delta('unverified')}, model calls ${delta('modelCalls')}`);
      }
      console.log(`  "${localCompletionText}" from the chain GGUF: model calls +${delta('modelCalls')}, rejected +${delta('rejectedByVerification')}, repaired +${delta('repaired')}`);
    } finally {
      fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
    }
  },




  async codeActionFix(wb, page, context) {
    await wb.closeOtherGroups();
    await wb.openFile('StockLevel.cs');
    await wb.goToLine(36); // Reserverd -= quantity; (misspelled in the workspace copy)
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    const pick = await waitFor('a fix for CS0103 in the code actions', async () => {
      await page.keyboard.press('Control+Period');
      const rows = page.locator('.action-widget .monaco-list-row');
      try {
        await rows.first().waitFor({ timeout: 3000 });
      } catch {
        return { ok: false, seen: 'no action widget' };
      }
      const titles = await rows.allInnerTexts();
      const index = titles.findIndex((title) => /CodeAssist/i.test(title) && /fix/i.test(title));
      const roslyn = titles.findIndex((title) => /Reserved/.test(title));
      const chosen = index >= 0 ? index : roslyn;
      if (chosen < 0) await page.keyboard.press('Escape');
      return { ok: chosen >= 0, seen: titles, index: chosen, title: titles[chosen] };
    }, 60_000, 1000);
    await page.screenshot({ path: path.join(context.artifacts, 'vscode-code-action.png') });
    await page.locator('.action-widget .monaco-list-row').nth(pick.index).click();
    await waitFor('the fixed line', async () => {
      const lines = await wb.lines();
      return { ok: lines.some((l) => l.trim() === 'Reserved -= quantity;') && !lines.some((l) => l.includes('Reserverd')), seen: lines.slice(30, 40) };
    }, 15_000);
    await wb.expectOnScreen('the fixed line', page.locator('.editor-instance .monaco-editor .view-line', { hasText: 'Reserved -= quantity;' }).first());
    await page.screenshot({ path: path.join(context.artifacts, 'vscode-code-action-applied.png') });
    console.log(`  applied: ${pick.title.replace(/\s+/g, ' ')}`);
  },
};
