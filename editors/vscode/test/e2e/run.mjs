// End to end in real VS Code: code-server + the built .vsix + the real `codeassist serve`, driven through
// Chromium by playwright-core, with a scripted OpenAI-compatible model for exact text. One screenshot per
// scenario goes to the artifacts folder. Last line: "N passed, N failed".
//
// Environment: CODE_SERVER, NODE24_BIN (folder), CODEASSIST_SERVER (codeassist.dll or executable), VSIX,
// SAMPLE (samples/Inventory), ARTIFACTS, CHROMIUM (default /usr/bin/chromium), SCENARIOS (comma list, optional).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { isolatedEnv, startCodeServer } from './codeServer.mjs';
import { startScriptedModel } from './scriptedModel.mjs';
import { Workbench, waitFor } from './workbench.mjs';

const env = (name, fallback) => process.env[name] ?? fallback ?? (() => { throw new Error(`${name} is not set`); })();
const artifacts = env('ARTIFACTS');
fs.mkdirSync(artifacts, { recursive: true });

export const completionText = 'level => level.OnHand);';
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
const fixedShip = 'public void Ship(int quantity)\n{\n    Reserved -= quantity;\n    OnHand -= quantity;\n}';

const script = {
  completions: [{ when: 'TotalOnHand() => _stock.Values.Sum(', text: completionText }],
  chat: [
    { when: 'Reserverd', text: `The name is misspelled: \`Reserverd\` should be \`Reserved\`.\n\n\`\`\`csharp\n${fixedShip}\n\`\`\`` },
    { when: 'TryReserve', text: explainMarkdown },
  ],
  chunkChars: 8,
  chunkDelayMs: 60, // slow enough that the view is seen filling in
};

/** The language server's pid: a `codeassist ... serve` process in code-server's process group. */
function serverPid(processGroup) {
  const rows = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' }).split('\n');
  const row = rows.map((r) => r.trim().split(/\s+/)).find((cols) => Number(cols[1]) === processGroup && cols.slice(2).join(' ').includes('codeassist') && cols.includes('serve'));
  return row ? Number(row[0]) : undefined;
}

const scenarios = {
  async statusBar(wb, page) {
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
    await page.screenshot({ path: path.join(artifacts, 'vscode-status-output.png') });
    console.log(`  status: ${status.seen}`);
    await page.keyboard.press('Control+J'); // close the panel again
  },

  async restartOnCrash(wb, page, context) {
    const pid = serverPid(context.processGroup);
    if (!pid) throw new Error('no codeassist serve process found in the code-server process group');
    process.kill(pid, 'SIGKILL');
    await waitFor('the restart notice', async () => {
      const notices = (await page.locator('.notifications-toasts .notification-list-item').allInnerTexts()).join('\n');
      return { ok: /stopped unexpectedly; restarting in .* \(attempt 1 of \d\)/.test(notices), seen: notices };
    }, 15_000);
    await page.screenshot({ path: path.join(artifacts, 'vscode-restart.png') });
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

  async inlineCompletion(wb, page) {
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
    await page.screenshot({ path: path.join(artifacts, 'vscode-inline-completion.png') });
    await page.keyboard.press('Tab');
    const expected = `${typed}${completionText}`;
    await waitFor('accepted line', async () => {
      const lines = await wb.lines();
      return { ok: lines.some((line) => line === expected) && (await wb.ghostText()).trim() === '', seen: lines.slice(38, 44) };
    }, 5000);
    await page.screenshot({ path: path.join(artifacts, 'vscode-inline-completion-accepted.png') });
  },

  async explainSelection(wb, page) {
    await wb.openFile('StockLevel.cs');
    await wb.goToLine(22); // public bool TryReserve(int quantity)
    for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+ArrowDown');
    await wb.runCommand('CodeAssist: Explain Selection');
    const done = await waitFor('the explanation to finish streaming', async () => {
      const frame = await wb.markdownView();
      if (!frame) return { ok: false, seen: 'no view' };
      const content = frame.locator('#content');
      const [state, text] = [await content.getAttribute('data-state'), (await content.innerText()).trim()];
      if (state === 'error') throw new Error(`the view shows an error: ${text}`);
      return { ok: state === 'done', seen: { state, text }, frame };
    }, 90_000, 50);
    const content = done.frame.locator('#content');
    const heading = (await content.locator('h2').allInnerTexts()).join('|');
    const strong = (await content.locator('strong').allInnerTexts()).join('|');
    await page.screenshot({ path: path.join(artifacts, 'vscode-explain.png') });
    if (heading !== 'TryReserve' || !strong.includes('available') || !strong.includes('Key risks:')) {
      throw new Error(`rendered markdown differs: h2=${heading} strong=${strong}`);
    }
    // The view records the text length after each update; streaming means it grew through partial states.
    const lengths = ((await content.getAttribute('data-lengths')) ?? '').split(',').filter(Boolean).map((entry) => Number(entry.split(':').pop()));
    console.log(`  raw: ${await content.getAttribute('data-lengths')}`);
    const final = lengths[lengths.length - 1];
    if (!lengths.some((length) => length > 0 && length < final)) {
      throw new Error(`the view did not fill in progressively; lengths after each update: ${lengths.join(',')}`);
    }
    console.log(`  view updates (text lengths): ${lengths.join(',')}`);
  },

  async codeActionFix(wb, page) {
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
    }, 90_000, 1000);
    await page.screenshot({ path: path.join(artifacts, 'vscode-code-action.png') });
    await page.locator('.action-widget .monaco-list-row').nth(pick.index).click();
    await waitFor('the fixed line', async () => {
      const lines = await wb.lines();
      return { ok: lines.some((l) => l.trim() === 'Reserved -= quantity;') && !lines.some((l) => l.includes('Reserverd')), seen: lines.slice(30, 40) };
    }, 15_000);
    await page.screenshot({ path: path.join(artifacts, 'vscode-code-action-applied.png') });
    console.log(`  applied: ${pick.title.replace(/\s+/g, ' ')}`);
  },
};

/** The CodeAssist output channel (a log channel, so VS Code keeps it as a file) goes with the artifacts. */
function copyExtensionLogs(logs) {
  if (!fs.existsSync(logs)) return;
  for (const entry of fs.readdirSync(logs, { recursive: true })) {
    if (/CodeAssist\.log$/.test(String(entry))) {
      fs.copyFileSync(path.join(logs, String(entry)), path.join(artifacts, 'vscode-extension-output.log'));
    }
  }
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'codeassist-vscode-e2e-'));
  // The whole samples folder: its Directory.Build.props keeps the sample apart from any build settings above it.
  const sample = env('SAMPLE');
  fs.cpSync(path.dirname(sample), path.join(tmp, 'samples'), { recursive: true });
  const workspace = path.join(tmp, 'samples', path.basename(sample));
  const stockLevel = path.join(workspace, 'StockLevel.cs');
  fs.writeFileSync(stockLevel, fs.readFileSync(stockLevel, 'utf8').replace('Reserved -= quantity;', 'Reserverd -= quantity;'));

  const model = await startScriptedModel(script);
  const serverLog = path.join(artifacts, 'vscode-server.log');
  const settings = {
    'files.autoSave': 'off',
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    // Keep the keyboard for ghost text: no suggest widget, no auto-closed brackets, no auto-indent.
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.parameterHints.enabled': false,
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoIndent': 'none',
    'editor.inlineSuggest.enabled': true,
    'codeassist.server.path': env('CODEASSIST_SERVER'),
    'codeassist.provider': 'openai',
    'codeassist.endpoint': `http://127.0.0.1:${model.port}/v1`,
    'codeassist.model': 'scripted',
    'codeassist.trace': 'debug',
    'codeassist.logFile': serverLog,
  };
  const codeServer = await startCodeServer({
    codeServer: env('CODE_SERVER'), nodeBin: env('NODE24_BIN'), tmp, vsix: env('VSIX'), settings,
    log: path.join(artifacts, 'vscode-code-server.log'),
  });
  // `timeout` in the suite script sends SIGTERM: take code-server's process group down with us.
  process.once('SIGTERM', () => {
    codeServer.stop();
    process.exit(124);
  });
  const browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
    executablePath: env('CHROMIUM', '/usr/bin/chromium'),
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: isolatedEnv(tmp),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  let passed = 0;
  let failed = 0;
  const wanted = (process.env.SCENARIOS ?? Object.keys(scenarios).join(',')).split(',');
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(workspace)}`);
    const wb = new Workbench(page);
    await wb.ready();
    // The server must have started before any scenario can pass: fail them all at once, with the reason, if not.
    const started = await waitFor('the CodeAssist status item', async () => {
      const text = await wb.statusText();
      return { ok: text !== '' && !/starting/.test(text), seen: text };
    }, 60_000).catch((error) => ({ seen: error.message }));
    console.log(`status bar: ${started.seen}`);
    if (!started.ok || /stopped/.test(started.seen)) {
      await page.screenshot({ path: path.join(artifacts, 'vscode-server-not-started.png') });
      throw new Error(`the CodeAssist server did not start (status: ${started.seen}); see vscode-code-server.log`);
    }
    for (const name of wanted) {
      const started = Date.now();
      try {
        await scenarios[name](wb, page, { processGroup: codeServer.processGroup });
        passed++;
        console.log(`ok - ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed++;
        console.log(`not ok - ${name}: ${error instanceof Error ? error.message : String(error)}`);
        console.log(`  status bar: ${await wb.statusText()}`);
        await page.screenshot({ path: path.join(artifacts, `vscode-${name}-failed.png`) }).catch(() => {});
        await page.keyboard.press('Escape').catch(() => {});
      }
    }
    console.log(`model requests: ${model.requests.map((r) => r.path).join(', ') || 'none'}`);
  } catch (error) {
    console.log(`not ok - setup: ${error instanceof Error ? error.message : String(error)}`);
    failed = wanted.length - passed;
  } finally {
    await browser.close().catch(() => {});
    codeServer.stop();
    await model.close();
    copyExtensionLogs(path.join(tmp, 'user-data', 'logs'));
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
