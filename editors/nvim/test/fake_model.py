#!/usr/bin/env python3
"""A scripted OpenAI-compatible model for the Neovim tests: exact, known answers on 127.0.0.1.

Usage: fake_model.py SCRIPT.json PORT_FILE [LOG_FILE]
SCRIPT.json: {"rules": [{"contains": "text in the request body", "reply": "answer"}], "completion": "...", "chat": "..."}
The first rule whose "contains" occurs in the request body wins; else "completion" answers /completions and
"chat" answers /chat/completions. Streaming requests get the answer in several SSE chunks, a little apart, so a
client can be seen filling in. The chosen port is written to PORT_FILE.
"""
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SCRIPT = json.load(open(sys.argv[1], encoding="utf-8"))
PORT_FILE = sys.argv[2]
LOG_FILE = sys.argv[3] if len(sys.argv) > 3 else None


def log(line):
    if LOG_FILE:
        with open(LOG_FILE, "a", encoding="utf-8") as f:
            f.write(line + "\n")


def pieces(text, size=12):
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, payload, status=200):
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        log(f"GET {self.path}")
        if self.path.rstrip("/").endswith("/models"):
            self.send_json({"object": "list", "data": [{"id": "fake-coder", "object": "model", "owned_by": "test"}]})
        else:
            self.send_json({"error": {"message": "not found"}}, 404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace")
        try:
            request = json.loads(raw or "{}")
        except ValueError:
            self.send_json({"error": {"message": "bad json"}}, 400)
            return
        chat = self.path.rstrip("/").endswith("/chat/completions")
        if not chat and not self.path.rstrip("/").endswith("/completions"):
            log(f"POST {self.path} (unknown)")
            self.send_json({"error": {"message": "not found"}}, 404)
            return
        reply = None
        for rule in SCRIPT.get("rules", []):
            if rule["contains"] in raw:
                reply = rule["reply"]
                break
        if reply is None:
            reply = SCRIPT.get("chat" if chat else "completion", "")
        log(f"POST {self.path} stream={bool(request.get('stream'))} -> {reply[:40]!r} | {raw[:300]!r}")
        model = request.get("model") or "fake-coder"
        usage = {"prompt_tokens": max(len(raw) // 4, 1), "completion_tokens": max(len(reply) // 4, 1)}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        if request.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            for piece in pieces(reply):
                choice = {"index": 0, "finish_reason": None}
                if chat:
                    choice["delta"] = {"role": "assistant", "content": piece}
                else:
                    choice["text"] = piece
                chunk = {"id": "fake", "object": "chat.completion.chunk" if chat else "text_completion",
                         "model": model, "choices": [choice]}
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode("utf-8"))
                self.wfile.flush()
                time.sleep(0.03)
            last = {"index": 0, "finish_reason": "stop"}
            last["delta" if chat else "text"] = {} if chat else ""
            final = {"id": "fake", "model": model, "choices": [last], "usage": usage}
            self.wfile.write(f"data: {json.dumps(final)}\n\ndata: [DONE]\n\n".encode("utf-8"))
            self.wfile.flush()
            self.close_connection = True
            return
        if chat:
            choice = {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": reply}}
        else:
            choice = {"index": 0, "finish_reason": "stop", "text": reply}
        self.send_json({"id": "fake", "object": "chat.completion" if chat else "text_completion", "model": model,
                        "choices": [choice], "usage": usage})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w", encoding="utf-8") as f:
    f.write(str(server.server_address[1]))
# The rename makes the port file appear complete.
os.replace(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
