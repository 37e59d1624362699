// End to end in real VS Code: code-server + the built .vsix + the real `codeassist serve`, driven through
// Chromium by playwright-core, with a scripted OpenAI-compatible model for exact text. One screenshot per
// scenario goes to the artifacts folder. Last line: "N passed, N failed".
//
// Environment: CODE_SERVER, NODE24_BIN (folder), VSIX (a platform .vsix with its server inside, from
// scripts/package-vsix.sh), CODEASSIST_SERVER (optional: a codeassist.dll or executable to use instead of the bundled one),
// SAMPLE (samples/Inventory), ARTIFACTS, CHAIN_MODEL (the chain GGUF of localModelInlineCompletion), CHROMIUM
// (default /usr/bin/chromium), SCENARIOS (comma list, optional).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { isolatedEnv, startCodeServer } from './codeServer.mjs';
import { cursorReports } from './cursorReports.mjs';
import { restrictedMode } from './restrictedMode.mjs';
import { startScriptedModel } from './scriptedModel.mjs';
import { scenarios, script } from './scenarios.mjs';
import { Workbench, waitFor } from './workbench.mjs';

const env = (name, fallback) => process.env[name] ?? fallback ?? (() => { throw new Error(`${name} is not set`); })();
const artifacts = env('ARTIFACTS');
fs.mkdirSync(artifacts, { recursive: true });
// Screenshots of an earlier run would read as this run's: start clean.
for (const old of fs.readdirSync(artifacts).filter((name) => name.startsWith('vscode-'))) {
  fs.rmSync(path.join(artifacts, old), { force: true });
}

/** The CodeAssist output channel (a log channel, so VS Code keeps it as a file) goes with the artifacts. */
function copyExtensionLogs(logs) {
  if (!fs.existsSync(logs)) return;
  for (const entry of fs.readdirSync(logs, { recursive: true })) {
    if (/CodeAssist\.log$/.test(String(entry))) {
      fs.copyFileSync(path.join(logs, String(entry)), path.join(artifacts, 'vscode-extension-output.log'));
    }
  }
}

/** The output channel's text so far (the extension logs how it found the server). */
function extensionOutput(logs) {
  if (!fs.existsSync(logs)) return '';
  return fs.readdirSync(logs, { recursive: true }).map(String).filter((entry) => /CodeAssist\.log$/.test(entry))
    .map((entry) => fs.readFileSync(path.join(logs, entry), 'utf8')).join('\n');
}

async function main() {
  // A user who installed only the .vsix has no `codeassist` on PATH: take away any the machine has.
  const withoutCodeAssist = (process.env.PATH ?? '').split(':').filter((dir) => dir && !fs.existsSync(path.join(dir, 'codeassist')));
  process.env.PATH = withoutCodeAssist.join(':');
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
    // Long typed lines wrap instead of scrolling the editor sideways, so screenshots show the ghost text.
    'editor.wordWrap': 'on',
    // No server path: the extension must find the server bundled in the platform .vsix (no codeassist on PATH).
    ...(process.env.CODEASSIST_SERVER ? { 'codeassist.server.path': process.env.CODEASSIST_SERVER } : {}),
    'codeassist.provider': 'openai',
    'codeassist.endpoint': `http://127.0.0.1:${model.port}/v1`,
    'codeassist.model': 'scripted',
    // /v1/completions with prompt + suffix: the scripted model needs no FIM template.
    'codeassist.infillMode': 'suffix',
    // Explain and debug go through a provider chain of one link, so their views say "answered by team (scripted)".
    'codeassist.providers': { team: { provider: 'openai', endpoint: `http://127.0.0.1:${model.port}/v1`, model: 'scripted' } },
    'codeassist.features': { explain: { providers: ['team'] }, debug: { providers: ['team'] } },
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
  const order = ['statusBar', 'inlineCompletion', 'explainSelection', 'explainCodeAction', 'explainCheckedNames', 'codeActionFix', 'analyzeStackTrace', 'showContext', 'showStats', 'restartOnCrash', 'pullModel', 'localModelInlineCompletion', 'restrictedMode', 'cursorReports'];
  // Scenarios that run their own VS Code after the first one is gone.
  const separate = { restrictedMode, cursorReports };
  const wanted = (process.env.SCENARIOS ?? order.join(',')).split(',');
  try {
    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: codeServer.url });
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
    if (!process.env.CODEASSIST_SERVER) {
      // The server must be the one inside the .vsix, not one found on PATH or in a development checkout.
      const found = extensionOutput(path.join(tmp, 'user-data', 'logs')).match(/Starting (.*) serve.*\(found: (\w+)\)/);
      console.log(`server: ${found ? `${found[1]} (${found[2]})` : 'not in the output'}`);
      if (!found || found[2] !== 'bundled') throw new Error(`the extension did not start its bundled server: ${found?.[0] ?? 'no "Starting" line in the output'}`);
    }
    if (!started.ok || /stopped/.test(started.seen)) {
      await page.screenshot({ path: path.join(artifacts, 'vscode-server-not-started.png') });
      throw new Error(`the CodeAssist server did not start (status: ${started.seen}); see vscode-code-server.log`);
    }
    for (const name of wanted.filter((n) => !(n in separate))) {
      const started = Date.now();
      try {
        await scenarios[name](wb, page, { processGroup: codeServer.processGroup, modelPort: model.port, tmp, artifacts, workspace });
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
    failed = wanted.filter((n) => !(n in separate)).length - passed;
  } finally {
    await browser.close().catch(() => {});
    codeServer.stop();
    await model.close();
    copyExtensionLogs(path.join(tmp, 'user-data', 'logs'));
  }
  // A second VS Code with Workspace Trust on, and one behind the LSP tap, each after the previous one is gone.
  for (const name of wanted.filter((n) => n in separate)) {
    const started = Date.now();
    try {
      await separate[name]({ chromium, env, tmp, sample, artifacts, userSettings: settings });
      passed++;
      console.log(`ok - ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed++;
      console.log(`not ok - ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
