"""A stand-in for a migrated application: a real HTTP server on 127.0.0.1 that answers set documents.

``app.route("/voice", b"<Response>…</Response>")`` sets what a path answers (``status=500`` for a failing
one); every request is kept in :attr:`WebApp.received` with its method, path, query, form and headers, so
a test sees exactly what reached the application.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    headers: dict[str, str]
    raw_path: str  #: path and query string as requested

    def url(self, origin: str) -> str:
        """The full URL as requested (what a signature covers)."""
        return origin + self.raw_path


def signature(token: str, url: str, form: dict[str, str]) -> str:
    """The webhook signature, computed here independently of the emulator's code."""
    payload = url + "".join(key + form[key] for key in sorted(form))
    return base64.b64encode(hmac.new(token.encode(), payload.encode(), hashlib.sha1).digest()).decode()


class WebApp:
    """Routes path → (status, body); unknown paths answer 404."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes]] = {}
        self.received: list[Received] = []
        self._lock = threading.Lock()
        app = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(parse_qsl(self.rfile.read(length).decode())) if length else {}
                parts = urlsplit(self.path)
                entry = Received(
                    self.command,
                    parts.path,
                    dict(parse_qsl(parts.query)),
                    form,
                    dict(self.headers),
                    self.path,
                )
                with app._lock:
                    app.received.append(entry)
                status, body = app.routes.get(parts.path, (404, b"not here"))
                self.send_response(status)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=lambda: self.server.serve_forever(poll_interval=0.02), daemon=True).start()

    def route(self, path: str, body: bytes | str, status: int = 200) -> str:
        """Make *path* answer *body*; returns its full URL."""
        self.routes[path] = (status, body.encode() if isinstance(body, str) else body)
        return self.origin + path

    def paths(self) -> list[str]:
        with self._lock:
            return [entry.path for entry in self.received]

    def at(self, path: str) -> list[Received]:
        with self._lock:
            return [entry for entry in self.received if entry.path == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
