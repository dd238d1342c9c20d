"""A static server for the built site that behaves like GitHub Pages: a missing path gets 404.html."""

from __future__ import annotations

import http.server
import sys
from pathlib import Path


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a site folder; answers a missing path with the site's 404.html and status 404, quietly."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Send the site's own 404 page for missing paths, the default error page otherwise."""
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser left the page (the test moved on) before the body was sent

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing."""


class PagesServer(http.server.ThreadingHTTPServer):
    """A threading server that lets a browser close a connection early without printing a traceback."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore connections the browser dropped (it moved on); report anything else as usual."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]
