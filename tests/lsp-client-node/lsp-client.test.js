// An independent LSP client: vscode-languageserver-protocol (the library VS Code's client is built on) drives the
// real `codeassist serve` over stdio, with no CodeAssist code on this side.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const net = require('node:net');
const fs = require('node:fs');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  ShutdownRequest,
  ExitNotification,
  WorkDoneProgressCreateRequest,
  TextDocumentSyncKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  CancellationTokenSource,
} = require('vscode-languageserver-protocol/node');

const repoRoot = path.resolve(__dirname, '..', '..');
const serverDll = process.env.CODEASSIST_DLL
  || path.join(repoRoot, 'src', 'CodeAssist.Cli', 'bin', 'Debug', 'net10.0', 'codeassist.dll');
const TIMEOUT_MS = 30000;

function startServer() {
  assert.ok(fs.existsSync(serverDll), `server not built: ${serverDll}`);
  const child = spawn('dotnet', [serverDll, 'serve', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const notifications = [];
  connection.onNotification((method, params) => notifications.push({ method, params }));
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
  connection.listen();
  return { child, connection, notifications, exited, stderr: () => stderr };
}

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), TIMEOUT_MS); }),
  ]).finally(() => clearTimeout(timer));
}

async function waitFor(predicate, what) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const found = predicate();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const initializeParams = {
  processId: process.pid,
  clientInfo: { name: 'lsp-client-node' },
  rootUri: null,
  workspaceFolders: null,
  capabilities: { general: { positionEncodings: ['utf-16'] }, window: { workDoneProgress: true } },
};

test('initialize -> didOpen -> request -> shutdown -> exit', async () => {
  const server = startServer();
  try {
    const init = await withTimeout(server.connection.sendRequest(InitializeRequest.type, initializeParams), 'initialize');
    assert.equal(init.serverInfo.name, 'codeassist');
    assert.equal(init.capabilities.positionEncoding, 'utf-16');
    assert.equal(init.capabilities.textDocumentSync.change, TextDocumentSyncKind.Incremental);
    assert.equal(init.capabilities.textDocumentSync.openClose, true);
    await server.connection.sendNotification(InitializedNotification.type, {});

    const uri = 'file:///tmp/lsp-client-node/Program.cs';
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'csharp', version: 1, text: 'class Program\n{\n}\n' },
    });
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }, text: ' // 😀' }],
    });

    const status = await withTimeout(
      server.connection.sendRequest('codeAssist/serverStatus', { textDocument: { uri }, includeText: true }), 'serverStatus');
    assert.equal(status.openDocuments, 1);
    assert.equal(status.document.version, 2);
    assert.equal(status.document.text, 'class Program\n{ // 😀\n}\n');

    const statusNotification = await waitFor(
      () => server.notifications.find((n) => n.method === 'codeAssist/status'), 'codeAssist/status');
    assert.ok(['loading', 'ready', 'noModel', 'generating', 'error'].includes(statusNotification.params.state));

    await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await withTimeout(server.connection.sendRequest(ShutdownRequest.type), 'shutdown');
    await server.connection.sendNotification(ExitNotification.type);
    assert.equal(await withTimeout(server.exited, 'exit'), 0, server.stderr());
  } finally {
    server.connection.dispose();
    server.child.kill();
  }
});

test('errors arrive as ResponseError with LSP codes, and the session goes on', async () => {
  const server = startServer();
  try {
    await assert.rejects(
      withTimeout(server.connection.sendRequest('codeAssist/serverStatus', {}), 'early request'),
      (error) => error instanceof ResponseError && error.code === ErrorCodes.ServerNotInitialized);

    await withTimeout(server.connection.sendRequest(InitializeRequest.type, initializeParams), 'initialize');
    await server.connection.sendNotification(InitializedNotification.type, {});

    await assert.rejects(
      withTimeout(server.connection.sendRequest('textDocument/notServedHere', {}), 'unknown method'),
      (error) => error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound);
    await assert.rejects(
      withTimeout(server.connection.sendRequest('codeAssist/serverStatus', { textDocument: 42 }), 'bad params'),
      (error) => error instanceof ResponseError && error.code === ErrorCodes.InvalidParams);

    const status = await withTimeout(server.connection.sendRequest('codeAssist/serverStatus', {}), 'serverStatus');
    assert.equal(status.openDocuments, 0);
  } finally {
    server.connection.dispose();
    server.child.kill();
  }
});

test('exit without shutdown ends the server with exit code 1', async () => {
  const server = startServer();
  try {
    await withTimeout(server.connection.sendRequest(InitializeRequest.type, initializeParams), 'initialize');
    await server.connection.sendNotification(ExitNotification.type);
    assert.equal(await withTimeout(server.exited, 'exit'), 1);
  } finally {
    server.connection.dispose();
    server.child.kill();
  }
});

test('cancelling a request waiting on the model answers RequestCancelled', async () => {
  // A model endpoint on 127.0.0.1 that accepts connections and never answers makes codeAssist/explain wait.
  const held = [];
  const silentModel = net.createServer((socket) => held.push(socket));
  await new Promise((resolve) => silentModel.listen(0, '127.0.0.1', resolve));
  const server = startServer();
  try {
    await withTimeout(server.connection.sendRequest(InitializeRequest.type, {
      ...initializeParams,
      initializationOptions: { provider: 'openai', endpoint: `http://127.0.0.1:${silentModel.address().port}/v1`, model: 'silent' },
    }), 'initialize');
    await server.connection.sendNotification(InitializedNotification.type, {});
    const uri = 'file:///tmp/lsp-client-node/Cancel.cs';
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'csharp', version: 1, text: 'class C\n{\n    static int Twice(int x) => x * 2;\n}\n' },
    });

    const source = new CancellationTokenSource();
    const explain = server.connection.sendRequest('codeAssist/explain', {
      textDocument: { uri },
      range: { start: { line: 2, character: 4 }, end: { line: 2, character: 37 } },
    }, source.token);
    let settled = false;
    explain.then(() => { settled = true; }, () => { settled = true; });
    await waitFor(() => held.length > 0 || settled, 'the request to reach the model');
    assert.equal(settled, false, 'explain answered without waiting on the model');

    source.cancel();
    await assert.rejects(withTimeout(explain, 'cancelled explain'),
      (error) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);

    const status = await withTimeout(server.connection.sendRequest('codeAssist/serverStatus', {}), 'serverStatus');
    assert.equal(status.openDocuments, 1);
  } finally {
    server.connection.dispose();
    server.child.kill();
    held.forEach((socket) => socket.destroy());
    silentModel.close();
  }
});
