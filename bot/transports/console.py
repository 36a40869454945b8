"""The console transport: one line in, one block of replies out; choices as numbered options."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.core.app import App
from bot.core.commands import cmd
from bot.core.delivery import DeliveryWorker
from bot.core.events import Incoming, Reply
from bot.core.text import numbered_options
from bot.infra.i18n import _, use_locale


def render(reply: Reply) -> str:
    lines = ["[📷 " + _("photo") + "]"] if reply.photo is not None else []
    lines += [reply.text]
    lines += ["  " + line for line in numbered_options(reply)]
    if reply.attachment is not None:
        lines.append(f"  [{reply.attachment.filename}]")
    return "\n".join(lines)


class ConsoleTransport:
    name = "console"
    numbered_options = True

    def __init__(self, out: TextIO, user: str) -> None:
        self.out = out
        self.user = user

    async def send(self, chat_id: str, reply: Reply) -> None:
        if chat_id != self.user:
            self.out.write("── " + _("message for {user}").format(user=chat_id) + " ──\n")
        self.out.write(render(reply) + "\n\n")
        self.out.flush()


async def chat(app: App, *, user: str, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
    """Reads stdin until EOF; works interactively and piped."""
    transport = ConsoleTransport(stdout, user)
    app.transports["console"] = transport
    delivery = DeliveryWorker(app)
    interactive = stdin.isatty()
    loop = asyncio.get_running_loop()
    if interactive:
        with use_locale(app.settings.default_locale):
            stdout.write(_("Type {cmd} to begin, Ctrl-D to quit.").format(cmd=cmd("start")) + "\n\n")
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            break
        text = line.rstrip("\r\n")
        if not text.strip():
            continue
        outcome = await app.dispatcher.handle(Incoming.from_text("console", user, text))
        stdout.write("\n\n".join(render(r) for r in outcome.replies) + "\n\n")
        stdout.flush()
        await delivery.drain_all()
