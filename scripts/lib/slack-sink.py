#!/usr/bin/env python3
"""A loopback stand-in for Slack used by scripts/demo: it records what the Doctor delivers.

It answers like Slack does: Web API methods (`POST /api/chat.postMessage`, `chat.update`,
`files.getUploadURLExternal`, …) get `{"ok": true, …}` JSON; any other POST (a slash command's
`response_url`) gets `200 ok`. Every request body is appended to OUT_DIR/deliveries.jsonl as
{"path": …, "body": <parsed JSON or form>}.

Usage: slack-sink.py PORT OUT_DIR   (binds 127.0.0.1 only)
"""
import json
import pathlib
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
OUT = pathlib.Path(sys.argv[2])
OUT.mkdir(parents=True, exist_ok=True)
LOG = OUT / "deliveries.jsonl"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet: the demo prints what matters
        pass

    def do_POST(self):
        length = min(int(self.headers.get("Content-Length", "0") or 0), 5_000_000)
        raw = self.rfile.read(length)
        content_type = self.headers.get("Content-Type", "")
        try:
            body = json.loads(raw) if "json" in content_type else dict(urllib.parse.parse_qsl(raw.decode("utf-8", "replace")))
        except ValueError:
            body = {"_raw": raw.decode("utf-8", "replace")}
        with LOG.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"path": self.path, "body": body}) + "\n")
        if self.path.startswith("/api/"):
            method = self.path[len("/api/"):].split("?")[0]
            answer = {"ok": True, "channel": body.get("channel", "C0DEMO"), "ts": f"{time.time():.6f}"}
            if method == "files.getUploadURLExternal":
                answer = {"ok": True, "upload_url": f"http://127.0.0.1:{PORT}/upload/F0DEMO", "file_id": "F0DEMO"}
            self._reply(200, "application/json", json.dumps(answer).encode())
        else:
            self._reply(200, "text/plain", b"ok")

    def _reply(self, status, content_type, payload):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
