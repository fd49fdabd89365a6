"""HTTP details shared by every route: validators (ETag, Last-Modified), size limits, paths."""

from __future__ import annotations

import hashlib
from email.utils import parsedate_to_datetime

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cablekg import __version__
from cablekg.serve.dataset import Version


def validators(version: Version, *parts: str) -> dict[str, str]:
    """ETag and Last-Modified of a representation derived from one store version."""
    digest = hashlib.sha256("\0".join((__version__, version.digest, *parts)).encode()).hexdigest()
    return {"ETag": f'W/"{digest[:24]}"', "Last-Modified": version.http_date}


def not_modified(request: Request, headers: dict[str, str]) -> Response | None:
    """A 304 when the client's copy is current (If-None-Match wins over If-Modified-Since)."""
    match = request.headers.get("if-none-match")
    if match is not None:
        tags = {t.strip() for t in match.split(",")}
        if "*" in tags or headers["ETag"] in tags or headers["ETag"][2:] in tags:
            return Response(status_code=304, headers=headers)
        return None
    since = request.headers.get("if-modified-since")
    if since:
        try:
            if parsedate_to_datetime(headers["Last-Modified"]) <= parsedate_to_datetime(since):
                return Response(status_code=304, headers=headers)
        except (TypeError, ValueError):
            return None
    return None


def unsafe_path(path: str) -> bool:
    """Dot segments, backslashes and control characters never name a resource or a dump."""
    segments = path.replace("\\", "/").split("/")
    return (
        any(s in (".", "..") for s in segments)
        or "\\" in path
        or any(ord(c) < 0x20 or ord(c) == 0x7F for c in path)
    )


class LimitRequests:
    """ASGI middleware: refuse over-long query strings and bodies (413) before any route runs."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or scope["path"].encode()
        if unsafe_path(scope["path"]) or b"%2e%2e" in raw_path.lower():
            await PlainTextResponse("Bad request: path with dot segments", 400)(
                scope, receive, send
            )
            return
        too_long = len(scope.get("query_string", b"")) > self.max_bytes
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                too_long = True
        if too_long:
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = PlainTextResponse(
            f"Request too large: this server accepts at most {self.max_bytes} bytes of query"
            " string or body.",
            413,
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass
