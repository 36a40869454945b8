"""The one dispatcher every transport feeds: user, locale, state, then a handler."""

from __future__ import annotations

import asyncio
import difflib
import logging
import re
import time
from collections import deque
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session

from bot.core import permissions
from bot.core.commands import cmd, plain_command
from bot.core.conversation import ASKED, BACK, Context, Step, parse_step_choice
from bot.core.events import Choice, Incoming, Kind, Outcome, Reply
from bot.core.photo_intake import keep_photo
from bot.core.repair import AFTER, STOPPED, Repair, restore
from bot.core.text import last_question
from bot.infra.crud import prompts as prompts_crud
from bot.infra.crud import users as users_crud
from bot.infra.i18n import N_, _, format_number, normalize_locale, set_locale
from bot.understanding import answers, language_id, latin_ukrainian
from bot.understanding.language_requests import requested_language

if TYPE_CHECKING:
    from bot.core.app import App

log = logging.getLogger(__name__)

DB_ATTEMPTS = 4
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


WRITTEN_WORDS = 4
"""At least this many words before a message's own language outweighs the resident's ("ok thanks" never switches)."""

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
        self.repair = Repair(self)

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
            outcome.user_id = user.id
            set_locale(user.locale or normalize_locale(incoming.language_hint) or self.app.settings.default_locale)
            spelled = latin_ukrainian.spelled_if_ukrainian(incoming.text, writes_ukrainian=user.locale == "uk") \
                if incoming.kind is Kind.TEXT else None
            if spelled is not None:  # "ja khochu zrobyty klub": read as the Ukrainian it is, not Polish; kept as typed
                incoming = replace(incoming, text=spelled, typed=incoming.text)
            ctx = Context(app=self.app, session=session, user=user, conversation=conversation, incoming=incoming)
            try:
                flow_before = conversation.flow
                await self._route(ctx, incoming)
                if not ctx.forgotten:
                    await self._after_route(ctx, flow_before)
                    self._remember_choices(ctx)
                    self._remember_question(ctx)
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
                ctx.reply(_("Sorry, something went wrong on my side. Please try again, or type {cmd}.")
                          .format(cmd=cmd("menu")))
            outcome.replies = ctx.replies
        return outcome

    async def _route(self, ctx: Context, incoming: Incoming) -> None:
        step = ctx.open_step
        if incoming.kind is Kind.UNSUPPORTED or (incoming.kind is Kind.PHOTO and not (step and step.takes_photos)):
            await self._unsupported(ctx, incoming)
            return
        if incoming.kind is Kind.PHOTO:
            kept = await keep_photo(ctx, incoming)
            if kept is None:
                return
            incoming = kept
        if len(incoming.text) > self.app.settings.max_text_length:
            ctx.reply(
                _("That is a long message! I can read up to {limit} characters. Could you make it shorter?").format(
                    limit=format_number(self.app.settings.max_text_length)
                )
            )
            return
        if incoming.kind is Kind.COMMAND and incoming.text.lstrip().startswith("!") \
                and incoming.command not in self.app.registry.commands:
            incoming = replace(incoming, kind=Kind.TEXT, command="", args=())  # "!!" or "!wow" is just text
        if incoming.kind is not Kind.TEXT:
            self.repair.not_typed(ctx)
        if incoming.kind is Kind.TEXT and await self.repair.listen(ctx, incoming):
            return  # safety first, then everything between the questions (bot/core/repair.py)
        if incoming.kind is Kind.TEXT and await self._language_request(ctx, incoming):
            return
        if incoming.kind is Kind.TEXT and await self._typed_answer(ctx, incoming):
            return
        if incoming.kind is Kind.COMMAND:
            await self.run_command(ctx, incoming.command, known_only=False)
        elif incoming.kind is Kind.CHOICE:
            await self._choice(ctx, incoming)
        else:
            await self._text(ctx, incoming)

    async def _after_route(self, ctx: Context, flow_before: str | None) -> None:
        """A flow that interrupted another one ended: back to the interrupted question. A flow that just ended is
        remembered until the next message, so a correction may still name its answers."""
        conversation = ctx.conversation
        if conversation.flow is not None:
            return
        if ctx.returning is not None and ctx.returning.get("flow") in self.app.registry.flows:
            restore(ctx, ctx.returning)
            ctx.reply(_("Back to where we were:"))
            await ctx.ask_current()
        elif flow_before is not None and set(conversation.data) <= {STOPPED}:
            conversation.data = {**conversation.data, AFTER: flow_before}
        elif flow_before is None and AFTER in conversation.data:
            ctx.forget(AFTER, STOPPED)

    async def _typed_answer(self, ctx: Context, incoming: Incoming) -> bool:
        """A typed answer to the offered options (bot/understanding/answers.py); True when it was handled here.

        Text that picks nothing goes on to the step (free text) or the intents, except on a question
        that needs a choice: then one short "I didn't get that" with the options, never the whole text."""
        options = answers.options_from_rows(ctx.conversation.choices)
        step = ctx.open_step
        text = incoming.text
        exact_only = _exact_only(step, text)
        resolution = self._reply_answer(ctx, incoming, step)
        if not (resolution.picks or resolution.ambiguous):
            resolution = answers.resolve(text, options, multi=step is not None and step.multi, exact_only=exact_only,
                                         exact_commands=step is None and self.repair.asks(ctx, text))
        if not (resolution.picks or resolution.ambiguous or exact_only):
            # a request, check-in or question the bot sent earlier, answered after other messages
            resolution = self._open_prompt_answer(ctx, text)
        if resolution.picks:
            await self.picked(ctx, incoming, resolution.picks)
            return True
        if resolution.ambiguous:
            shown = [o.data for o in options]
            if all(o.data in shown for o in resolution.ambiguous):
                same = len({o.label for o in resolution.ambiguous}) == 1
                names = [(_("{option} for {about} ({number})") if o.about and same
                          else _("{option} ({number})")).format(option=_quoted(o.label), about=o.about,
                                                                 number=shown.index(o.data) + 1)
                         for o in resolution.ambiguous]
                ctx.reply(_("Which one do you mean: {options}? Type its number.").format(options=_or_list(names)))
                ctx.keep_choices = True
            else:
                names = [_quoted(o.label) for o in resolution.ambiguous]
                ctx.reply(_("Which one do you mean: {options}?").format(options=_or_list(names)),
                          [Choice(o.data, o.label, o.family) for o in resolution.ambiguous])
            return True
        if not options or step is None or step.answer is None or _is_control_word(text):
            return False
        if exact_only and step.free_text is True and _bare_yes(text, options):  # a predicate took this text itself
            ctx.reply(_("Tell me in your own words, or choose one of the options."))
            await ctx.ask_current()
            return True
        if exact_only:
            return False
        ctx.not_understood()
        return True

    async def _language_request(self, ctx: Context, incoming: Incoming) -> bool:
        """"English please", "sorry, I don't speak Dutch": /taal with that language, on any question (the question
        is asked again in it). Where the options are languages, the answer resolver picks the option instead."""
        code = requested_language(incoming.text)
        if code is None or any((row[2:3] or [""])[0].startswith("lang_") for row in ctx.conversation.choices):
            return False
        ctx.incoming = replace(incoming, kind=Kind.COMMAND, command="taal", args=(code,))
        await self.run_command(ctx, "taal")
        return True

    def _reply_answer(self, ctx: Context, incoming: Incoming, step: Step | None) -> answers.Resolution:
        """A typed reply to a message of the bot (Matrix: Element's Reply) means that message's options, numbered
        as shown there; when the message is unknown, had none or the text names none: the usual resolution."""
        if not incoming.reply_to:
            return answers.Resolution()
        assert ctx.user.id is not None
        sent = prompts_crud.sent_options(ctx.session, user_id=ctx.user.id, message_ref=incoming.reply_to, now=ctx.now)
        if sent is None:
            return answers.Resolution()
        options = answers.options_from_rows(sent.options)
        here = (ctx.conversation.flow, ctx.conversation.step)
        current = step is not None and any((p := parse_step_choice(o.data)) is not None and p[:2] == here
                                           for o in options)
        return answers.resolve(incoming.text, options, multi=step is not None and current and step.multi,
                               exact_only=current and _exact_only(step, incoming.text),
                               first_number=sent.first_number)

    def _open_prompt_answer(self, ctx: Context, text: str) -> answers.Resolution:
        assert ctx.user.id is not None
        for prompt in prompts_crud.open_prompts(ctx.session, user_id=ctx.user.id, now=ctx.now):
            found = answers.resolve(text, answers.options_from_rows(prompt.options), numbers=False)
            if found.picks or found.ambiguous:
                return found
        return answers.Resolution()

    async def picked(self, ctx: Context, incoming: Incoming, picks: tuple[str, ...]) -> None:
        """One or more picks; of several (a multi-select), each is handled in turn and only the last
        question is shown. Options already ticked (✅) stay ticked: typing them means "this one too"."""
        if len(picks) > 1:
            labels = {row[0]: str(row[1]) for row in ctx.conversation.choices}
            picks = tuple(p for p in picks if not labels.get(p, "").startswith("✅")) or picks
        position = (ctx.conversation.flow, ctx.conversation.step)
        for number, data in enumerate(picks, start=1):
            mark = len(ctx.replies)
            await self._choice(ctx, _with_choice(incoming, data))
            if number < len(picks):
                if (ctx.conversation.flow, ctx.conversation.step) != position:
                    break
                del ctx.replies[mark:]

    async def run_command(self, ctx: Context, name: str, *, known_only: bool = True) -> None:
        spec = self.app.registry.commands.get(name)
        if spec is None:
            if known_only:
                raise KeyError(name)
            close = self._close_command(name)
            if close is not None:  # "/activiteit", "/nieuweactiviteiten": one letter off
                ctx.reply(_("I don't know the command /{name}. Did you mean {cmd}?").format(name=name, cmd=cmd(close)),
                          [Context.command(close, cmd(close), family="yes")])
                return
            ctx.reply(_("I don't know the command /{name}. Type {cmd} to see what I can do.")
                      .format(cmd=cmd("help"), name=name))
            await ctx.ask_current()
            return
        if name not in ("start", "taal", "language", "vergeetmij") and not ctx.user.onboarded \
                and not ctx.user.consent_decided:
            await self.app.registry.commands["start"].handler(ctx)
            return
        if spec.needs_consent and not ctx.has_consent():
            await ctx.start("onboarding", "consent", then=spec.name)
            return
        if spec.needs_wijk and ctx.wijk is None and not ctx.user.onboarded:
            await ctx.start("onboarding", "wijk", then=spec.name)
            return
        if spec.needs_wijk and ctx.wijk is None:
            # onboarded without a wijk: the resident lives outside the covered wijken
            names = ", ".join(w.name for w in self.app.content.wijken_sorted())
            ctx.end()
            ctx.reply(_("For this I need your neighbourhood, and Wijkgids only works in {names} for now. "
                        "Without a neighbourhood you can still use {help}, {language} and {my_data}.")
                      .format(names=names, help=cmd("help"), language=cmd("taal"), my_data=cmd("mijngegevens")),
                      [Context.command("wijk", _("🏘️ Choose my neighbourhood"))])
            return
        if spec.role is not None and not permissions.has_role(ctx.session, user=ctx.user, content=ctx.content,
                                                               role=spec.role):
            ctx.reply(permissions.refusal(spec.role))
            return
        await spec.handler(ctx)

    def _close_command(self, name: str) -> str | None:
        """The command (by its main name) a mistyped one most likely means, among those /help and the aanjager
        help name."""
        typed = name.casefold()
        named = {key: spec.name for key, spec in self.app.registry.commands.items() if spec.description is not None}
        close = difflib.get_close_matches(typed, list(named), n=5, cutoff=0.75)
        # of the close ones, the one that starts the same ("/activity" is /activities, not /newactivity)
        best = max(close, key=lambda key: (_common_start(typed, key),
                                           difflib.SequenceMatcher(None, typed, key).ratio()), default=None)
        return named[best] if best is not None else None

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
                return
            said = len(ctx.replies)
            await action(ctx, args)
            if len(ctx.replies) == said and not ctx.forgotten:  # arguments the action does not know
                await self._stale(ctx)
                return
            if ctx.conversation.flow is None and ctx.user.id is not None and not ctx.forgotten:
                # an action that settles the message closes it; one that opens a conversation (a question,
                # passing it on) leaves its options open for afterwards
                prompts_crud.answered(ctx.session, user_id=ctx.user.id, data=data, now=ctx.now)
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
        said = len(ctx.replies)
        await step.answer(ctx, _with_choice(incoming, parsed[2]))
        if len(ctx.replies) == said and not ctx.forgotten:
            # a value the step does not read (forged, or an option of an older version such as the summary's
            # 'confirm'): answered like a stale choice, never dropped in silence
            await self._stale(ctx)

    async def _text(self, ctx: Context, incoming: Incoming) -> None:
        conversation = ctx.conversation
        if conversation.flow is not None and conversation.step is not None:
            flow = self.app.registry.flows.get(conversation.flow)
            step = flow.steps.get(conversation.step) if flow else None
            if flow is None or step is None:
                log.warning("conversation of user %s pointed at a missing step; reset", ctx.user.id)
                ctx.end()
            elif step.answer is not None:
                await step.answer(ctx, incoming)
                return
        plain = plain_command(incoming.text, self.app.registry.commands)
        if plain is not None:  # "menu", "idee": how Matrix users say /menu, /idee
            await self.run_command(ctx, plain, known_only=False)
            return
        if not ctx.user.onboarded:
            await self.app.registry.commands["start"].handler(ctx)
            return
        if self.app.registry.free_text is not None:
            self._written_language(ctx, incoming.text)
            await self.app.registry.free_text(ctx, incoming.text)
            return
        await self.run_command(ctx, "onbekend")

    @staticmethod
    def _written_language(ctx: Context, text: str) -> None:
        """With no question open, a message of some length clearly written in another of the bot's languages than
        the resident's ("hi, I have an idea for the kids" from a Dutch menu): the answer and what follows in that
        language, said in one line (/taal changes it back)."""
        language = language_id.written_in(text, other_than=ctx.user.locale, min_words=WRITTEN_WORDS)
        if language is None:
            return
        ctx.write_in(language)
        ctx.reply(_("Okay, from now on I will write in English."))

    async def _unsupported(self, ctx: Context, incoming: Incoming) -> None:
        what = MEDIA_NAMES.get("photo" if incoming.kind is Kind.PHOTO else incoming.media)
        if what is None:
            ctx.reply(_("I can only read text messages. Could you type your answer?"))
        else:
            ctx.reply(_("I can't read {what}, only text. Could you type your answer?").format(what=what))
        await ctx.ask_current()

    async def _stale(self, ctx: Context) -> None:
        if ctx.conversation.flow is not None:
            ctx.reply(_("That choice belongs to an earlier question. This is where we are now:"))
            await ctx.ask_current()
        else:
            ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))

    @staticmethod
    def _remember_choices(ctx: Context) -> None:
        """The options of this answer, numbered on across its messages (1–3, 4–6), so each number means
        one thing; a typed number or label maps to these."""
        if not ctx.replies or ctx.keep_choices:
            return
        choices: list[list[str]] = []
        labels = [c.label for reply in ctx.replies for c in reply.choices]
        for index, reply in enumerate(ctx.replies):
            if reply.choices:
                ctx.replies[index] = replace(reply, first_number=len(choices) + 1)
                about = _heading(reply.text)
                # what a message listing things (activities) is about: "ik kom naar de koffieochtend"
                choices += [[c.data, c.label, c.family or "", about]
                            if about and (labels.count(c.label) > 1 or c.data.startswith("!"))
                            else [c.data, c.label, c.family] if c.family else [c.data, c.label]
                            for c in reply.choices]
        if choices != ctx.conversation.choices:
            ctx.conversation.choices = choices


    @staticmethod
    def _remember_question(ctx: Context) -> None:
        """With no question open, the bot's last question, for "wat betekent dat?" (repair: explain)."""
        if not ctx.replies or ctx.keep_choices:
            return
        asked = last_question(ctx.replies[-1].text) if ctx.conversation.flow is None else None
        if asked:
            ctx.remember(**{ASKED: asked})
        elif ASKED in ctx.conversation.data:
            ctx.forget(ASKED)


def _heading(text: str) -> str | None:
    """The first line of a message, without its leading emoji: "Koffieochtend" of "🗓️ Koffieochtend\n…"."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    first = re.sub(r"^\W+", "", first).strip()
    return first[:60] or None


def _common_start(first: str, second: str) -> int:
    differ = (i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b)
    return next(differ, min(len(first), len(second)))


def _with_choice(incoming: Incoming, value: str) -> Incoming:
    return Incoming(
        incoming.transport, incoming.user_id, incoming.chat_id, Kind.CHOICE,
        text=incoming.text, choice=value, language_hint=incoming.language_hint,
        display_name=incoming.display_name, event_id=incoming.event_id,
    )


def _exact_only(step: Step | None, text: str) -> bool:
    """On a question that takes free text (or this text, e.g. a postcode) only exact option matches count."""
    free = step.free_text if step is not None else False
    return free is True or (callable(free) and bool(free(text)))


def _bare_yes(text: str, options: list[answers.Option]) -> bool:
    """A lone "ja" or "yes" where no option means yes: on a question that takes typed text it is no answer
    (it would be kept as a care, a gift, a person), so the options are shown again."""
    return answers.family_of(text, "yes") and not any(option.family == "yes" for option in options)


def _is_control_word(text: str) -> bool:
    """"terug" and "stop" work on every question, also where no option says so."""
    return answers.family_of(text, "back") or answers.family_of(text, "cancel")


def _quoted(label: str) -> str:
    return "\u201c" + label.strip() + "\u201d"


def _or_list(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return _("{first} or {last}").format(first=", ".join(items[:-1]), last=items[-1])
