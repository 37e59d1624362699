// A scripted model behind a real OpenAI-compatible HTTP API on 127.0.0.1, so that the end-to-end tests can assert
// exact text while the server under test speaks the real wire format (JSON and SSE streaming).
// Rules are tried in order against the request's prompt (completions) or messages (chat); the first match answers.
import http from 'node:http';

/**
 * @param {{ completions: Array<{ when: string, text: string }>, chat: Array<{ when: string, text: string }>,
 *           chunkChars?: number, chunkDelayMs?: number }} script
 */
export async function startScriptedModel(script) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    let json = {};
    try {
      json = body ? JSON.parse(body) : {};
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad JSON' } }));
      return;
    }
    const path = (req.url ?? '').split('?')[0].replace(/^\/v1/, '');
    requests.push({ path, body: json });
    if (req.method === 'GET' && (req.url ?? '').startsWith('/files/') && (req.url ?? '').endsWith('.gguf')) {
      return sendGguf(res, script.ggufBytes ?? 2 * 1024 * 1024);
    }
    if (req.method === 'GET' && path === '/models') {
      return sendJson(res, { object: 'list', data: [{ id: 'scripted', object: 'model', owned_by: 'test' }] });
    }
    if (req.method === 'POST' && (path === '/completions' || path === '/infill' || path === '/completion')) {
      const prompt = [json.prompt, json.suffix, json.input_prefix, json.input_suffix, json.content].filter((s) => typeof s === 'string').join('\n');
      const text = answer(script.completions, prompt);
      return json.stream ? streamSse(res, script, text, (t, done) => completionChunk(json, t, done)) : sendJson(res, completionResult(json, text));
    }
    if (req.method === 'POST' && path === '/chat/completions') {
      const prompt = (json.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
      const text = answer(script.chat, prompt);
      return json.stream ? streamSse(res, script, text, (t, done) => chatChunk(json, t, done)) : sendJson(res, chatResult(json, text));
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

function answer(rules, prompt) {
  for (const rule of rules ?? []) {
    if (prompt.includes(rule.when)) return rule.text;
  }
  return '';
}

/** A file with a valid GGUF header (magic, version 3, no tensors or keys) padded to size, sent in timed pieces. */
async function sendGguf(res, size) {
  const body = Buffer.alloc(size);
  body.write('GGUF', 0, 'ascii');
  body.writeUInt32LE(3, 4);
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
  const piece = Math.ceil(size / 10);
  for (let offset = 0; offset < size; offset += piece) {
    res.write(body.subarray(offset, offset + piece));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  res.end();
}

function sendJson(res, value) {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

async function streamSse(res, script, text, chunkOf) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const size = script.chunkChars ?? 12;
  for (let i = 0; i < text.length; i += size) {
    res.write(`data: ${JSON.stringify(chunkOf(text.slice(i, i + size), false))}\n\n`);
    await new Promise((resolve) => setTimeout(resolve, script.chunkDelayMs ?? 0));
  }
  res.write(`data: ${JSON.stringify(chunkOf('', true))}\n\n`);
  res.end('data: [DONE]\n\n');
}

const created = () => Math.floor(Date.now() / 1000);
const usage = (text) => ({ prompt_tokens: 10, completion_tokens: Math.max(1, Math.ceil(text.length / 4)), total_tokens: 10 + Math.ceil(text.length / 4) });

function completionResult(request, text) {
  return { id: 'cmpl-scripted', object: 'text_completion', created: created(), model: request.model ?? 'scripted',
    choices: [{ index: 0, text, finish_reason: 'stop', logprobs: null }], usage: usage(text),
    content: text, stop: true }; // content/stop: llama-server's /completion and /infill shape
}

function completionChunk(request, text, done) {
  return { id: 'cmpl-scripted', object: 'text_completion', created: created(), model: request.model ?? 'scripted',
    choices: [{ index: 0, text, finish_reason: done ? 'stop' : null, logprobs: null }], content: text, stop: done };
}

function chatResult(request, text) {
  return { id: 'chatcmpl-scripted', object: 'chat.completion', created: created(), model: request.model ?? 'scripted',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: usage(text) };
}

function chatChunk(request, text, done) {
  return { id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: created(), model: request.model ?? 'scripted',
    choices: [{ index: 0, delta: done ? {} : { content: text }, finish_reason: done ? 'stop' : null }] };
}
