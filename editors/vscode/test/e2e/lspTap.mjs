// A transparent tap between VS Code and the real `codeassist serve`, for the cursorReports scenario: every message
// the client sends is appended to CODEASSIST_TAP_LOG (one JSON line each), and the server's initialize result gains
// the methods in CODEASSIST_TAP_ADVERTISE (comma list) under capabilities.experimental.codeAssist.methods, as a
// server that serves them would announce them. Everything else passes through byte for byte.
// Server: CODEASSIST_TAP_SERVER (an executable or a codeassist.dll), else the bundled server of the one extension
// under CODEASSIST_TAP_EXTENSIONS.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const log = process.env.CODEASSIST_TAP_LOG;
const advertise = (process.env.CODEASSIST_TAP_ADVERTISE ?? '').split(',').filter(Boolean);

function serverCommand() {
  const given = process.env.CODEASSIST_TAP_SERVER;
  if (given) return given.endsWith('.dll') ? ['dotnet', given] : [given];
  const root = process.env.CODEASSIST_TAP_EXTENSIONS ?? '';
  for (const name of fs.readdirSync(root)) {
    const candidate = path.join(root, name, 'server', 'codeassist');
    if (fs.existsSync(candidate)) return [candidate];
  }
  throw new Error(`no bundled server under ${root}`);
}

/** Splits a byte stream into LSP messages (Content-Length framing) and hands each body to `onMessage`. */
function frames(onMessage) {
  let buffer = Buffer.alloc(0);
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, end).toString('ascii'))?.[1]);
      if (buffer.length < end + 4 + length) return;
      const body = buffer.subarray(end + 4, end + 4 + length);
      buffer = buffer.subarray(end + 4 + length);
      onMessage(body);
    }
  };
}

const frame = (body) => Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);

const [command, ...prefix] = serverCommand();
const server = spawn(command, [...prefix, ...process.argv.slice(2)], { stdio: ['pipe', 'pipe', 'inherit'] });
let initializeId;

process.stdin.on('data', frames((body) => {
  const message = JSON.parse(body.toString('utf8'));
  if (message.method === 'initialize') initializeId = message.id;
  if (log) fs.appendFileSync(log, JSON.stringify({ at: Date.now(), ...message }) + '\n');
  server.stdin.write(frame(body));
}));
process.stdin.on('end', () => server.stdin.end());

server.stdout.on('data', frames((body) => {
  const message = JSON.parse(body.toString('utf8'));
  if (initializeId !== undefined && message.id === initializeId && message.result?.capabilities) {
    const capabilities = message.result.capabilities;
    capabilities.experimental ??= {};
    capabilities.experimental.codeAssist ??= {};
    const methods = capabilities.experimental.codeAssist.methods ?? [];
    capabilities.experimental.codeAssist.methods = [...methods, ...advertise.filter((m) => !methods.includes(m))];
    process.stdout.write(frame(Buffer.from(JSON.stringify(message), 'utf8')));
    return;
  }
  process.stdout.write(frame(body));
}));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
