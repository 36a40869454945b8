"""The one dispatcher every transport feeds: user, locale, state, then a handler."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import deque
from typing import TYPE_CHECKING

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session

from bot.conversation import BACK, Context, parse_step_choice, row_id
from bot.crud import users as users_crud
from bot.events import Incoming, Kind, Outcome, Reply
from bot.i18n import N_, _, normalize_locale, set_locale

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

DB_ATTEMPTS = 4
BACK_WORDS = frozenset({"terug", "back", "vorige", "previous"})
CANCEL_WORDS = frozenset({"annuleer", "annuleren", "cancel", "stop", "stoppen", "laat maar", "quit"})
MEDIA_NAMES = {
    "sticker": N_("stickers"),
    "photo": N_("photos"),
    "voice": N_("voice messages"),
    "audio": N_("audio"),
    "video": N_("videos"),
    "location": N_("locations"),
    "document": N_("files"),
    "contact": N_("contact cards"),
}
_MARKS = re.compile(r"^[\W_]+", re.UNICODE)


def _plain(label: str) -> str:
    """A label without leading emoji and check marks, for matching typed answers."""
    return _MARKS.sub("", label).strip().casefold()


class FloodGate:
    """Per-user pacing: someone sending many messages a second is slowed down (never dropped) and told once.

    In memory per process: it protects this process's responsiveness, it is not a quota.
    """

    def __init__(self, max_messages: int, window_s: float) -> None:
        self.max_messages = max_messages
        self.window_s = window_s
        self._seen: dict[tuple[str, str], deque[float]] = {}
        self._warned: dict[tuple[str, str], float] = {}

    def delay(self, key: tuple[str, str]) -> tuple[float, bool]:
        """How long to hold this message back, and whether to send the one notice."""
        now = time.monotonic()
        stamps = self._seen.setdefault(key, deque())
        while stamps and stamps[0] <= now - self.window_s:
            stamps.popleft()
        wait = 0.0
        if len(stamps) >= self.max_messages:
            wait = stamps[-self.max_messages] + self.window_s - now
        stamps.append(now + wait)
        notify = wait > 0 and self._warned.get(key, 0.0) < now - self.window_s * 10
        if notify:
            self._warned[key] = now
        if len(self._seen) > 50_000:
            self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - self.window_s}
        return max(0.0, wait), notify


class Dispatcher:
    def __init__(self, app: App) -> None:
        self.app = app
        settings = app.settings
        self.flood = FloodGate(settings.flood_max_messages, settings.flood_window_s)

    async def handle(self, incoming: Incoming) -> Outcome:
        """Handles one event; a database that drops mid-way is retried, so the update is not lost."""
        # button presses are bounded by what the bot offered (and idempotent): only typed input is paced;
        # the console is a local tool, often fed from a file
        exempt = incoming.kind is Kind.CHOICE or incoming.transport == "console"
        wait, notify = (0.0, False) if exempt else self.flood.delay((incoming.transport, incoming.user_id))
        if wait > 0:
            await asyncio.sleep(wait)
        for attempt in range(DB_ATTEMPTS):
            try:
                outcome = await self._handle_once(incoming)
            except (OperationalError, InterfaceError) as exc:
                if attempt == DB_ATTEMPTS - 1:
                    raise
                log.warning("database error (%s), retrying the update", type(exc.orig).__name__)
                await asyncio.sleep(0.2 * 2**attempt)
            else:
                if notify:
                    outcome.replies.insert(0, Reply(_("You're typing fast! I'll answer your messages one by one, "
                                                      "give me a moment.")))
                return outcome
        raise AssertionError("unreachable")

    async def _handle_once(self, incoming: Incoming) -> Outcome:
        if self.app.settings.log_text:  # local debugging only: message text never reaches logs by default
            log.debug("%s from %s: %r", incoming.kind, incoming.user_id, incoming.text or incoming.choice)
        outcome = Outcome(chat_id=incoming.chat_id)
        now = self.app.clock.now()
        with Session(self.app.engine, expire_on_commit=False) as session:
            if incoming.event_id and not users_crud.mark_event_processed(
                session, transport=incoming.transport, event_id=incoming.event_id, now=now
            ):
                return outcome
            user, conversation = users_crud.get_or_create_user(
                session,
                transport=incoming.transport,
                external_id=incoming.user_id,
                chat_id=incoming.chat_id,
                now=now,
            )
            if user.unreachable:
                user.unreachable = False
            set_locale(user.locale or normalize_locale(incoming.language_hint) or self.app.settings.default_locale)
            ctx = Context(app=self.app, session=session, user=user, conversation=conversation, incoming=incoming)
            try:
                await self._route(ctx, incoming)
                if not ctx.forgotten:
                    self._remember_choices(ctx)
                    if session.is_modified(conversation):
                        conversation.updated_at = now
                session.commit()
            except (OperationalError, InterfaceError):
                session.rollback()
                raise
            except Exception:
                session.rollback()
                log.exception(
                    "handler failed for user %s in %s/%s (%s)",
                    user.id, conversation.flow, conversation.step, incoming.kind,
                )
                ctx.replies = []
                ctx.reply(_("Sorry, something went wrong on my side. Please try again, or type /menu."))
            outcome.replies = ctx.replies
        return outcome

    async def _route(self, ctx: Context, incoming: Incoming) -> None:
        if incoming.kind is Kind.UNSUPPORTED or (incoming.kind is Kind.PHOTO and not self._takes_photos(ctx)):
            await self._unsupported(ctx, incoming)
            return
        if len(incoming.text) > self.app.settings.max_text_length:
            ctx.reply(
                _("That is a long message! I can read up to {limit} characters. Could you make it shorter?").format(
                    limit=self.app.settings.max_text_length
                )
            )
            return
        if incoming.kind is Kind.TEXT:
            options = ctx.conversation.choices
            typed = incoming.text.strip()
            # "7" among 2 options is a slip; "6825" is a postcode, not an option number
            number = row_id(typed)
            if options and number is not None and len(typed) <= 2 and not 1 <= number <= len(options):
                ctx.reply(_("Please pick a number from 1 to {n}.").format(n=len(options)))
                await ctx.ask_current()
                return
            incoming = self._typed_choice(ctx, incoming)
        if incoming.kind is Kind.COMMAND:
            await self.run_command(ctx, incoming.command, known_only=False)
        elif incoming.kind is Kind.CHOICE:
            await self._choice(ctx, incoming)
        else:
            await self._text(ctx, incoming)

    def _takes_photos(self, ctx: Context) -> bool:
        conversation = ctx.conversation
        flow = self.app.registry.flows.get(conversation.flow) if conversation.flow else None
        step = flow.steps.get(conversation.step) if flow and conversation.step else None
        return step is not None and step.takes_photos

    def _typed_choice(self, ctx: Context, incoming: Incoming) -> Incoming:
        """'2' or the label of an offered option counts as picking it (numbered options on Matrix/console)."""
        options = ctx.conversation.choices
        text = incoming.text.strip()
        if not options or not text:
            return incoming
        picked: str | None = None
        number = row_id(text)
        if number is not None and 1 <= number <= len(options):
            picked = options[number - 1][0]
        else:
            wanted = _plain(text)
            picked = next((data for data, label in options if _plain(label) == wanted), None)
        if picked is None:
            return incoming
        return Incoming(
            incoming.transport, incoming.user_id, incoming.chat_id, Kind.CHOICE,
            text=incoming.text, choice=picked, language_hint=incoming.language_hint,
            display_name=incoming.display_name, event_id=incoming.event_id,
        )

    async def run_command(self, ctx: Context, name: str, *, known_only: bool = True) -> None:
        spec = self.app.registry.commands.get(name)
        if spec is None:
            if known_only:
                raise KeyError(name)
            ctx.reply(_("I don't know the command /{name}. Type /help to see what I can do.").format(name=name))
            await ctx.ask_current()
            return
        if name not in ("start", "taal", "language") and not ctx.user.onboarded:
            await self.app.registry.commands["start"].handler(ctx)
            return
        if spec.needs_consent and not ctx.has_consent():
            await ctx.start("onboarding", "consent", then=spec.name)
            return
        if spec.needs_wijk and ctx.wijk is None:
            await ctx.start("onboarding", "wijk", then=spec.name)
            return
        await spec.handler(ctx)

    async def _choice(self, ctx: Context, incoming: Incoming) -> None:
        data = incoming.choice
        if data.startswith("/"):
            await self.run_command(ctx, data[1:].split()[0] if len(data) > 1 else "", known_only=False)
            return
        if data.startswith("!"):
            name, *args = data[1:].split(":")
            action = self.app.registry.actions.get(name)
            if action is None:
                await self._stale(ctx)
            else:
                await action(ctx, args)
            return
        parsed = parse_step_choice(data)
        conversation = ctx.conversation
        if parsed is None or (parsed[0], parsed[1]) != (conversation.flow, conversation.step):
            await self._stale(ctx)
            return
        if parsed[2] == BACK:
            if not await ctx.back():
                await ctx.ask_current()
            return
        step = self.app.registry.flows[parsed[0]].steps[parsed[1]]
        if step.answer is None:
            await self._stale(ctx)
            return
        await step.answer(ctx, _with_choice(incoming, parsed[2]))

    async def _text(self, ctx: Context, incoming: Incoming) -> None:
        conversation = ctx.conversation
        word = incoming.text.strip().casefold()
        if conversation.flow is not None and conversation.step is not None:
            flow = self.app.registry.flows.get(conversation.flow)
            step = flow.steps.get(conversation.step) if flow else None
            if flow is None or step is None:
                log.warning("conversation of user %s pointed at a missing step; reset", ctx.user.id)
                ctx.end()
            elif word in BACK_WORDS:
                if not await ctx.back():
                    ctx.reply(_("This is the first question, there is no step back."))
                    await ctx.ask_current()
                return
            elif word in CANCEL_WORDS:
                ctx.end()
                if flow.on_cancel is not None:
                    await flow.on_cancel(ctx)
                else:
                    ctx.reply(_("Okay, I stopped that. Type /menu to see what else I can do."))
                return
            elif step.answer is not None:
                await step.answer(ctx, incoming)
                return
        if not ctx.user.onboarded:
            await self.app.registry.commands["start"].handler(ctx)
            return
        for intent in self.app.registry.intents:
            if intent.matcher(incoming.text):
                await self.run_command(ctx, intent.command)
                return
        await self.run_command(ctx, "onbekend")

    async def _unsupported(self, ctx: Context, incoming: Incoming) -> None:
        what = MEDIA_NAMES.get("photo" if incoming.kind is Kind.PHOTO else incoming.media)
        if what is None:
            ctx.reply(_("I can only read text messages. Could you type your answer?"))
        else:
            ctx.reply(_("I can't read {what}, only text. Could you type your answer?").format(what=what))
        await ctx.ask_current()

    async def _stale(self, ctx: Context) -> None:
        if ctx.conversation.flow is not None:
            ctx.reply(_("That button belongs to an earlier question. This is where we are now:"))
            await ctx.ask_current()
        else:
            ctx.reply(_("That button is no longer active. Type /menu to see what I can do."))

    @staticmethod
    def _remember_choices(ctx: Context) -> None:
        if not ctx.replies:
            return
        with_choices = [r for r in ctx.replies if r.choices]
        choices = [[c.data, c.label] for c in with_choices[-1].choices] if with_choices else []
        if choices != ctx.conversation.choices:
            ctx.conversation.choices = choices


def _with_choice(incoming: Incoming, value: str) -> Incoming:
    return Incoming(
        incoming.transport, incoming.user_id, incoming.chat_id, Kind.CHOICE,
        text=incoming.text, choice=value, language_hint=incoming.language_hint,
        display_name=incoming.display_name, event_id=incoming.event_id,
    )
