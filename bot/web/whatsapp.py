"""The WhatsApp webhook: Meta's verify handshake (GET) and signed deliveries of messages and statuses (POST).

Served by the bot's own web app when WhatsApp is configured; the transport checks and stores (in a scaled-out
bot: for the workers), and only then is 200 answered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.core.transport import WebhookReceiver
from bot.web.app import bot_app

if TYPE_CHECKING:
    from bot.core.app import App

MAX_BODY = 3 * 1024 * 1024


SIGNATURE_HEADER = "X-Hub-Signature-256"


def _transport(request: Request) -> WebhookReceiver | None:
    transport = bot_app(request).transports.get("whatsapp")
    return transport if isinstance(transport, WebhookReceiver) else None


async def verify(request: Request) -> Response:
    transport = _transport(request)
    if transport is None:
        return PlainTextResponse("not found", status_code=404)
    challenge = transport.verify(dict(request.query_params))
    if challenge is None:
        return PlainTextResponse("forbidden", status_code=403)
    return PlainTextResponse(challenge)


async def receive(request: Request) -> Response:
    transport = _transport(request)
    if transport is None:
        return PlainTextResponse("not found", status_code=404)
    body = await request.body()
    if len(body) > MAX_BODY:
        return PlainTextResponse("too large", status_code=413)
    status = await transport.receive(body, request.headers.get(SIGNATURE_HEADER))
    return PlainTextResponse("ok" if status == 200 else "refused", status_code=status)


def routes(application: App) -> list[BaseRoute]:
    path = application.settings.whatsapp_webhook_path
    return [Route(path, verify, methods=["GET"], name="whatsapp_verify"),
            Route(path, receive, methods=["POST"], name="whatsapp_webhook")]
