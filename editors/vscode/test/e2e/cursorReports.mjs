// codeAssist/didChangeCursor from real VS Code: a second code-server whose server command is the LSP tap
// (lspTap.mjs), which records what the extension sends and makes the real server's initialize result advertise
// the notification (the server ignores a notification it does not serve). Asserts on the recorded messages only.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, isolatedEnv } from './codeServer.mjs';
import { startScriptedModel } from './scriptedModel.mjs';
import { script } from './scenarios.mjs';
import { Workbench, waitFor } from './workbench.mjs';

const method = 'codeAssist/didChangeCursor';
const here = path.dirname(fileURLToPath(import.meta.url));

export async function cursorReports({ chromium, env, tmp, sample, artifacts, userSettings }) {
  const model = await startScriptedModel(script);
  const root = path.join(tmp, 'cursor');
  fs.cpSync(path.dirname(sample), path.join(root, 'samples'), { recursive: true });
  const workspace = path.join(root, 'samples', path.basename(sample));
  const tapLog = path.join(root, 'tap.jsonl');
  Object.assign(process.env, {
    CODEASSIST_TAP_LOG: tapLog,
    CODEASSIST_TAP_ADVERTISE: method,
    CODEASSIST_TAP_EXTENSIONS: path.join(root, 'extensions'),
    CODEASSIST_TAP_SERVER: process.env.CODEASSIST_SERVER ?? '',
  });
  const settings = { ...userSettings, 'codeassist.server.path': path.join(here, 'lspTap.sh'), 'codeassist.endpoint': `http://127.0.0.1:${model.port}/v1` };
  for (const key of ['codeassist.providers', 'codeassist.features', 'codeassist.logFile']) delete settings[key];
  const codeServer = await startCodeServer({
    codeServer: env('CODE_SERVER'), nodeBin: env('NODE24_BIN'), tmp: root, vsix: env('VSIX'), settings,
    log: path.join(artifacts, 'vscode-code-server-cursor.log'),
  });
  const browser = await chromium.launchPersistentContext(path.join(root, 'chromium'), {
    executablePath: env('CHROMIUM', '/usr/bin/chromium'),
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: isolatedEnv(root),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const sent = () => (fs.existsSync(tapLog) ? fs.readFileSync(tapLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []);
  const reports = () => sent().filter((message) => message.method === method);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(workspace)}`);
    const wb = new Workbench(page);
    await wb.ready();
    await waitFor('the server behind the tap to initialize', async () => {
      const text = await wb.statusText();
      return { ok: sent().some((m) => m.method === 'initialized') && text !== '' && !/starting|stopped/.test(text), seen: text };
    }, 90_000);
    const lines = fs.readFileSync(path.join(workspace, 'StockLevel.cs'), 'utf8').split('\n');
    const cursor = async () => {
      const text = (await page.locator('.statusbar-item', { hasText: /^Ln \d+/ }).allInnerTexts()).join(' ');
      const match = /Ln (\d+), Col (\d+)/.exec(text);
      return match ? { line: Number(match[1]) - 1, character: Number(match[2]) - 1 } : undefined;
    };
    const reportedAt = (expected) => waitFor(`a report at ${JSON.stringify(expected)}`, async () => {
      const last = reports().at(-1);
      return { ok: last?.params?.textDocument?.uri?.endsWith('/StockLevel.cs') && last.params.position.line === expected.line && last.params.position.character === expected.character, seen: last?.params };
    }, 20_000);

    // The cursor comes to rest at the end of TryReserve's signature.
    await wb.openFile('StockLevel.cs');
    await wb.goToLine(22);
    await page.keyboard.press('End');
    await reportedAt({ line: 21, character: lines[21].length });

    // Eight quick moves, then a rest: reported where the cursor stopped, not for each move.
    const before = reports().length;
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
    const stop = await waitFor('the cursor on line 30', async () => {
      const at = await cursor();
      return { ok: at?.line === 29, seen: at, at };
    }, 10_000);
    await reportedAt(stop.at);
    const during = reports().slice(before);
    await page.screenshot({ path: path.join(artifacts, 'vscode-cursor-reports.png') });
    if (during.length >= 8) throw new Error(`${during.length} reports for 8 quick moves: one per keystroke`);

    const all = reports();
    for (const [index, report] of all.entries()) {
      if (report.id !== undefined) throw new Error(`codeAssist/didChangeCursor was sent as a request (id ${report.id})`);
      const keys = Object.keys(report.params).sort().join(',');
      if (keys !== 'position,textDocument' || Object.keys(report.params.textDocument).join(',') !== 'uri') throw new Error(`unexpected params ${JSON.stringify(report.params)}`);
      const previous = all[index - 1]?.params;
      if (previous && JSON.stringify(previous) === JSON.stringify(report.params)) throw new Error(`the same position was sent twice in a row: ${JSON.stringify(report.params)}`);
    }
    console.log(`  ${all.length} cursor reports in all; ${during.length} for 8 quick moves, the last at ${JSON.stringify(stop.at)}`);
  } finally {
    await browser.close().catch(() => {});
    codeServer.stop();
    await model.close();
  }
}
