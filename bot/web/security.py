"""Security headers on every response, and redirects that only ever point at the configured base URL.

Pure ASGI, so it wraps everything the app sends: pages, CSV downloads, charts, static files, errors
and Starlette's own trailing-slash redirects (which build their `Location` from the request's `Host`
header: `GET /dashboard/` with a foreign `Host` would otherwise send the visitor there).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script anywhere (the pages have none); styles and images only from our own static files.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HSTS = "max-age=31536000; includeSubDomains"
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def safe_location(location: str, base_url: str | None) -> str:
    """`location` when it stays on this site; else the same path on the configured base URL (or just the
    path, relative, when no base URL is configured)."""
    parts = urlsplit(location)
    if not parts.scheme and not parts.netloc:
        if location.startswith("//") or location.startswith("/\\"):
            return "/"
        return location
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    if base_url:
        base = urlsplit(base_url)
        if (parts.scheme, parts.netloc) == (base.scheme, base.netloc):
            return location
        return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))
    return urlunsplit(("", "", path, parts.query, parts.fragment))


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, base_url: str | None) -> None:
        self.app = app
        self.base_url = base_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"  # after uvicorn applied X-Forwarded-Proto of a trusted proxy

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if https:
                    headers["Strict-Transport-Security"] = HSTS
                if "location" in headers:
                    headers["location"] = safe_location(headers["location"], self.base_url)
            await send(message)

        await self.app(scope, receive, send_with_headers)
