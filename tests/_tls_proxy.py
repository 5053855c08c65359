"""A corporate-style HTTPS proxy for tests: CONNECT tunnels whose TLS it terminates with a throwaway CA.

Clients reach it through ``HTTPS_PROXY=http://127.0.0.1:PORT`` and trust it through ``REQUESTS_CA_BUNDLE``,
exactly as behind a company proxy that inspects TLS. Each tunnelled request is forwarded, ``Host`` header
untouched, to the emulator serving that host (``api.twilio.com`` → a Twilio emulator, …) over the emulator's
own TLS, so a signature over ``https://handler.twilio.com/…`` checks out on the other side. Only
127.0.0.1 listens; nothing leaves the machine.
"""

from __future__ import annotations

import http.client
import shutil
import ssl
import subprocess
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

#: Headers that describe one hop, not the request: never forwarded.
HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "upgrade"})


def _openssl(*args: str) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("the proxy fixture needs the openssl command")
    subprocess.run([openssl, *args], check=True, capture_output=True)


def throwaway_ca(directory: Path, hosts: tuple[str, ...]) -> tuple[Path, Path, Path]:
    """A CA valid for a day and one certificate it signs for *hosts*: ``(ca, certificate, key)``."""
    ca, ca_key = directory / "proxy-ca.pem", directory / "proxy-ca.key"
    cert, key, request = directory / "proxy-cert.pem", directory / "proxy-key.pem", directory / "proxy.csr"
    curve = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    _openssl(
        "req", "-x509", *curve, "-days", "1", "-subj", "/CN=Throwaway Proxy CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign",
        "-keyout", str(ca_key), "-out", str(ca),
    )  # fmt: skip
    _openssl("req", "-new", *curve, "-subj", f"/CN={hosts[0]}", "-keyout", str(key), "-out", str(request))
    extensions = directory / "proxy.ext"
    extensions.write_text(
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
        "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
        f"subjectAltName={','.join(f'DNS:{host}' for host in hosts)}\n"
    )
    _openssl(
        "x509", "-req", "-in", str(request), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial",
        "-days", "1", "-extfile", str(extensions), "-out", str(cert),
    )  # fmt: skip
    return ca, cert, key


@dataclass(frozen=True)
class Seen:
    """One request that went through the proxy."""

    host: str
    method: str
    path: str


class _Handler(BaseHTTPRequestHandler):
    """CONNECT opens a TLS tunnel; the requests inside it are forwarded to the host's emulator."""

    protocol_version = "HTTP/1.1"
    server: _ProxyServer

    def log_message(self, format: str, *args: object) -> None:
        return None

    def do_CONNECT(self) -> None:
        host = self.path.rsplit(":", 1)[0]
        if host not in self.server.routes:
            self.send_error(502, f"no route to {host}")
            return
        self.send_response(200, "Connection Established")
        self.end_headers()
        self.wfile.flush()
        tls = self.server.tls.wrap_socket(self.connection, server_side=True)
        self.connection = tls
        self.rfile = tls.makefile("rb")
        self.wfile = tls.makefile("wb")
        self.tunnel = host
        self.close_connection = False

    def _forward(self) -> None:
        host = getattr(self, "tunnel", None)
        if host is None:  # plain-http proxying is not what this proxy is for
            self.send_error(400, "CONNECT first")
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        self.server.seen.append(Seen(host, self.command, self.path))
        port = self.server.routes[host]
        upstream = http.client.HTTPSConnection("127.0.0.1", port, context=self.server.upstream, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            payload = answer.read()
        finally:
            upstream.close()
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in HOP_BY_HOP | {"content-length", "date", "server"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()

    do_GET = do_POST = do_PUT = do_DELETE = _forward


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: Mapping[str, int], certificate: Path, key: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes = dict(routes)
        self.seen: list[Seen] = []
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.load_cert_chain(certificate, key)
        # The emulators' certificates are throwaway too; the tunnel's own TLS is what is under test.
        self.upstream = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        self.upstream.check_hostname = False
        self.upstream.verify_mode = ssl.CERT_NONE


class TlsProxy:
    """``with TlsProxy({"api.twilio.com": port, …}, tmp_path) as proxy:`` then ``proxy.url``, ``proxy.ca``."""

    def __init__(self, routes: Mapping[str, int], directory: Path) -> None:
        self.ca, certificate, key = throwaway_ca(directory, tuple(routes))
        self._server = _ProxyServer(routes, certificate, key)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def seen(self) -> list[Seen]:
        return list(self._server.seen)

    def __enter__(self) -> TlsProxy:
        self._thread.daemon = True
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


__all__ = ["Seen", "TlsProxy"]
