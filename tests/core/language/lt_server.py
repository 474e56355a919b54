"""A LanguageTool-compatible HTTP server on 127.0.0.1 for the tests, backed by lingotweaker.

It speaks LanguageTool's /v2/languages and /v2/check protocol with Java's UTF-16 offsets, so the
language-tool-python backend is tested end to end against LanguageTool's real Dutch rules.
Run as ``python -m tests.core.language.lt_server --port N`` (the fake ``java`` of the tests does that).
"""

from __future__ import annotations

import argparse
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import lingotweaker_data_nl
import lt_py


def _utf16(text: str, char_offset: int) -> int:
    return len(text[:char_offset].encode("utf-16-le")) // 2


class _Handler(BaseHTTPRequestHandler):
    engine: Any = None

    def log_message(self, format: str, *args: object) -> None:
        return

    def _reply(self, payload: object) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.startswith("/v2/languages"):
            self._reply([{"name": "Dutch", "code": "nl", "longCode": "nl-NL"}])
        else:
            self.send_error(404)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        text = form["text"][0]
        disabled = set(form.get("disabledRules", [""])[0].split(","))
        raw = text.encode("utf-8")
        matches = []
        for match in self.engine.check(text):
            if match["rule_id"] in disabled:
                continue
            start = len(raw[: match["offset"]].decode("utf-8"))
            end = len(raw[: match["offset"] + match["length"]].decode("utf-8"))
            offset, stop = _utf16(text, start), _utf16(text, end)
            matches.append(
                {
                    "message": match["message"],
                    "shortMessage": match["short_message"] or "",
                    "replacements": [{"value": s} for s in match["suggestions"]],
                    "offset": offset,
                    "length": stop - offset,
                    "context": {"text": text, "offset": offset, "length": stop - offset},
                    "sentence": text,
                    "rule": {
                        "id": match["rule_id"],
                        "description": match["message"],
                        "issueType": match["issue_type"],
                        "category": {"id": match["category_id"], "name": match["category_id"]},
                    },
                }
            )
        self._reply({"matches": matches})


def serve(port: int, data_dir: str | None = None) -> ThreadingHTTPServer:
    """Start the server on 127.0.0.1:``port`` (0 = any free port) in a thread; returns it."""
    _Handler.engine = lt_py.Engine("nl", data_dir=data_dir or lingotweaker_data_nl.data_dir())
    server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data-dir")
    arguments, _unknown = parser.parse_known_args()
    serve(arguments.port, arguments.data_dir).serve_forever()
