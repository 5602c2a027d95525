"""The preview's HTTP server: the standard library's threading server on 127.0.0.1, serving its own
page (static/), the state as JSON, a server-sent event at each change, page images and the files
of output/ — nothing else, and nothing written (any other method: 405)."""

from __future__ import annotations

import json
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .pages import PageImages
from .state import State

STATIC = Path(__file__).parent / "static"
#: The page's own files, by the path they are asked for.
ASSETS = {"/": "index.html", "/app.js": "app.js", "/app.css": "app.css"}
#: Content types by suffix, fixed (Windows' registry may call .js text/plain, which the browser refuses).
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".pdf": "application/pdf",
         ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml",
         ".zip": "application/zip", ".txt": "text/plain; charset=utf-8",
         ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
#: A stream with nothing to say says so this often (seconds), so a closed page is noticed.
KEEPALIVE = 15.0


class PreviewServer(ThreadingHTTPServer):
    """The server, holding what its handlers read: the state, the page images, output/."""

    daemon_threads = True

    def __init__(self, port: int, state: State, images: PageImages, output: Path):
        super().__init__(("127.0.0.1", port), Handler)
        self.state, self.images, self.output = state, images, output.resolve()
        self.stopping = threading.Event()

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closed its connection is no error; anything else is one line, never a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError | TimeoutError):
            print(f"the preview could not answer a request: {error!r}", file=sys.stderr)


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal shows what a clerk needs (the URL, the builds)."""

    def _send(self, status: int, body: bytes, kind: str, cache: str = "no-store") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")

    def _local(self) -> bool:
        """Whether the request names this server as the browser reached it (127.0.0.1 or localhost
        and its port): a page elsewhere that points a name of its own here (DNS rebinding) gets nothing."""
        port = self.server.server_port
        return self.headers.get("Host", "") in (f"127.0.0.1:{port}", f"localhost:{port}")

    def do_GET(self) -> None:
        if not self._local():
            self._send(HTTPStatus.FORBIDDEN, b"only this computer's browser may ask\n", "text/plain; charset=utf-8")
            return
        path = unquote(urlsplit(self.path).path)
        if path in ASSETS:
            name = ASSETS[path]
            self._send(HTTPStatus.OK, (STATIC / name).read_bytes(), TYPES[Path(name).suffix])
        elif path == "/palette.css":  # the printed documents' colours, as the web edition has them
            from ..backends.html.page import palette

            self._send(HTTPStatus.OK, palette().encode(), TYPES[".css"])
        elif path == "/state":
            self._send(HTTPStatus.OK, json.dumps(self.server.state.as_json(), ensure_ascii=False).encode(),
                       "application/json; charset=utf-8")
        elif path == "/events" and self.command == "GET":
            self._events()
        elif path.startswith("/page/") and path.endswith(".png"):
            image = self.server.images.get(path.removeprefix("/page/").removesuffix(".png"))
            if image is None:
                self._not_found()
            else:  # a page image never changes under its key
                self._send(HTTPStatus.OK, image, "image/png", "max-age=86400, immutable")
        elif path.startswith("/output/"):
            self._output(path.removeprefix("/output/"))
        else:
            self._not_found()

    do_HEAD = do_GET

    def _output(self, name: str) -> None:
        """A file of output/, never one outside it (.., links, absolute paths: 404)."""
        output = self.server.output
        try:
            target = (output / name).resolve()
            found = bool(name) and target.is_relative_to(output) and target.is_file()
            data = target.read_bytes() if found else b""
        except (OSError, ValueError):  # a name no file can have (a NUL, too long), or gone meanwhile
            found = False
        if not found:
            self._not_found()
            return
        self._send(HTTPStatus.OK, data, TYPES.get(target.suffix.lower(), "application/octet-stream"))

    def _events(self) -> None:
        """Server-sent events: the state's version now and at each change, until the page goes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen = -1
        try:
            while not self.server.stopping.is_set():
                version = self.server.state.wait(seen, KEEPALIVE)
                message = f"data: {version}\n\n" if version != seen else ": still here\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
                seen = version
        except (BrokenPipeError, ConnectionResetError):
            return

    def _refuse(self) -> None:
        self.close_connection = True  # a body sent with it is never read as a request of its own
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse
