"""Flows, steps and the per-event Context that handlers talk to.

A flow is a named sequence of steps. Each step has an `ask` (what the bot says
when entering it) and an `answer` (what to do with the user's reply). Where the
user is lives in the `conversation` table, so a restart continues at the same
step. Choice data has three forms:

- ``flow:step:value`` — an answer to one step; stale once the user moved on;
- ``!action:arg:arg`` — a button that works any time (RSVP, "ik help verder");
  its handler checks permissions itself;
- ``/command`` — behaves as if the user typed the command.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlmodel import Session

from bot.core import permissions
from bot.core.events import Attachment, Choice, Incoming, Photo, Reply, right_to_left
from bot.infra.crud import users as users_crud
from bot.infra.i18n import _, set_locale
from bot.infra.models import ConsentPurpose, Conversation, User
from bot.understanding import answers, latin_ukrainian

if TYPE_CHECKING:
    from bot.core.app import App
    from bot.infra.content import Content, Wijk

AskHandler = Callable[["Context"], Awaitable[None]]
AnswerHandler = Callable[["Context", Incoming], Awaitable[None]]
CommandHandler = Callable[["Context"], Awaitable[None]]
ActionHandler = Callable[["Context", list[str]], Awaitable[None]]
FreeTextHandler = Callable[["Context", str], Awaitable[None]]
TopicHandler = Callable[["Context", str], Awaitable[None]]
CorrectionHandler = Callable[["Context", str], Awaitable[str | None]]
ExplainHandler = Callable[["Context"], str]
GivenHandler = Callable[["Context"], dict[str, str]]
PeriodicFunc = Callable[["App"], Awaitable[None]]

A = TypeVar("A", bound=AskHandler)
R = TypeVar("R", bound=AnswerHandler)
C = TypeVar("C", bound=CorrectionHandler)
E = TypeVar("E", bound=ExplainHandler)
G = TypeVar("G", bound=GivenHandler)
M = TypeVar("M")


def row_id(text: str) -> int | None:
    """A number from button data or typed text (an id, an option): plain ASCII digits that fit a 32-bit integer.

    Button data can be forged, and str.isdigit() accepts "²" and "٣", which int() refuses."""
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    return None


BACK = "__back__"
RETURN = "_return"
"""In a flow's data: the conversation it interrupted (flow, step, data), resumed when it ends."""
RESUME_AT = "_resume_at"
"""In a flow's data: the step to go on with after the question of a correction was answered again."""
NAMED = "_named"
"""In a flow's data: the people the resident named in their last answer (the repair layer reads a correction that
takes one of them off the list: "wait, actually not joost")."""
ASKED = "_asked"
"""In the conversation's data when no question is open: the bot's last question, as it was written ("Wat wil je
doen?"), so "wat betekent dat?" can say what it asked."""
FOLLOW_UP = "_follow_up"
"""In the conversation's data when no question is open: the topic just answered (bot/services/topics.py), which a
vague question right after it is about ("wat moet ik doen?" right after where to report something broken)."""
HISTORY = "_history"
"""In a flow's data: the steps asked before the present one, oldest first (what "terug" walks back through)."""
MAX_CHOICE_DATA = 64  # Telegram's callback_data limit in bytes


def asked_steps(conversation: Conversation) -> list[str]:
    """The steps of the conversation's flow asked before the present one, oldest first."""
    return [str(step) for step in conversation.data.get(HISTORY, [])]


@dataclass(slots=True)
class Step:
    name: str
    ask: AskHandler | None = None
    answer: AnswerHandler | None = None
    takes_photos: bool = False
    multi: bool = False
    """A multi-select question: several options may be typed at once ("1, 5", "groen en feest")."""
    free_text: bool | Callable[[str], bool] = False
    """Typed text is an answer in itself (or, with a predicate, the texts it accepts, e.g. a postcode):
    such text only picks an option when it is exactly the option (its number, label or family word)."""
    slot: str | None = None
    """What the answer fills ("themes", "knows"): a correction names it ("nee, geen sport" at a later question)."""
    corrects: tuple[str, ...] = ()
    """Earlier slots a correction typed here may change (the slots this question confirms, or asked before)."""
    relay: bool = False
    """The typed text is a message for another person: a question in it is for them, not for the bot."""
    small_talk: bool = False
    """The step answers small talk and hedges itself ("hoi", "geen idee") instead of the repair layer."""
    explain: ExplainHandler | None = None
    """The question in other words, for "wat bedoel je?" (`@flow.explain`); without it the repair layer says
    what kind of answer the question takes."""
    unmatched: AnswerHandler | None = None
    """What the step does with typed text that names none of its options and is no other act ("benedenbuurt" at the
    wijk question, an idea typed there), instead of the short "I didn't get that" (`@flow.unmatched`)."""


class Flow:
    """A conversation with steps; register steps with `@flow.ask(...)` and `@flow.answer(...)`."""

    def __init__(self, name: str, *, on_cancel: CommandHandler | None = None) -> None:
        self.name = name
        self.steps: dict[str, Step] = {}
        self.on_cancel = on_cancel
        self.on_discard: CommandHandler | None = None
        """What throwing away in words does ("gooi maar weg dat hele idee": nothing kept as a draft); without it,
        the same as `on_cancel`."""
        self.corrections: dict[str, CorrectionHandler] = {}
        """Per slot, how a correction typed later is applied (`@flow.correct("themes")`)."""
        self.given: GivenHandler | None = None
        """The answers given so far, per slot, as stored (`@flow.answers_given`): a correction that names none of
        its slots is about the answer that holds what it replaces ("oeps de naam is fatma niet fatima")."""

    def _step(self, name: str) -> Step:
        return self.steps.setdefault(name, Step(name))

    def ask(self, step: str) -> Callable[[A], A]:
        def register(handler: A) -> A:
            self._step(step).ask = handler
            return handler

        return register

    def answer(
        self, step: str, *, photos: bool = False, multi: bool = False,
        free_text: bool | Callable[[str], bool] = False, slot: str | None = None, corrects: Sequence[str] = (),
        relay: bool = False, small_talk: bool = False,
    ) -> Callable[[R], R]:
        """With ``photos`` the step also receives photos (Kind.PHOTO); other steps treat them as unsupported.

        Typed answers are resolved against the step's options by bot/understanding/answers.py before the handler
        runs; a step without ``free_text`` never sees text that matches no option (the dispatcher says
        it did not understand and lists the options). ``slot``, ``corrects`` and ``relay`` tell the
        dialogue-act layer what the question is about (see `Step`)."""

        def register(handler: R) -> R:
            target = self._step(step)
            target.answer = handler
            target.takes_photos = photos
            target.multi = multi
            target.free_text = free_text
            target.slot = slot
            target.corrects = tuple(corrects)
            target.relay = relay
            target.small_talk = small_talk
            return handler

        return register

    def explain(self, step: str) -> Callable[[E], E]:
        """The open question in other words, asked for with "wat bedoel je?", "what do you mean?": one short text
        (what the question is for, what a good answer looks like); the repair layer then asks it again."""

        def register(handler: E) -> E:
            self._step(step).explain = handler
            return handler

        return register

    def unmatched(self, step: str) -> Callable[[R], R]:
        """Typed text at a question with options that names none of them and is no other act (see `Step`)."""

        def register(handler: R) -> R:
            self._step(step).unmatched = handler
            return handler

        return register

    def correct(self, slot: str) -> Callable[[C], C]:
        """How a correction of ``slot`` typed at a later question (or right after the flow) is applied: the
        handler changes what was stored and returns the one line that says so, or None when it could not
        read the correction (then the question of that slot is asked again)."""

        def register(handler: C) -> C:
            self.corrections[slot] = handler
            return handler

        return register

    def answers_given(self, handler: G) -> G:
        """Registers what this flow has stored per slot, as text (see `given`)."""
        self.given = handler
        return handler

    @property
    def slots(self) -> dict[str, str]:
        """Each declared slot and the step that asks it."""
        return {step.slot: name for name, step in self.steps.items() if step.slot}

    def correctable(self, step: str | None) -> tuple[str, ...]:
        """The slots a correction typed at this step may change: those it declares, else every other slot of the
        flow (after the flow, step None: all of them)."""
        if step is not None and self.steps[step].corrects:
            return self.steps[step].corrects
        own = self.steps[step].slot if step is not None else None
        return tuple(slot for slot in self.slots if slot != own)

    def previous_slot(self, step: str) -> str | None:
        """The slot of the step registered just before this one that has a slot (the answer given before)."""
        names = list(self.steps)
        earlier = [self.steps[name].slot for name in names[:names.index(step)] if self.steps[name].slot]
        return earlier[-1] if earlier else None

    @property
    def first_step(self) -> str:
        return next(iter(self.steps))


@dataclass(slots=True)
class CommandSpec:
    name: str
    handler: CommandHandler
    needs_consent: bool = False
    needs_wijk: bool = False
    hidden: bool = False
    description: Any = None
    """A lazy label (N_) shown in /help and the Telegram command menu."""
    aliases: tuple[str, ...] = ()
    menu_label: Any = None
    """A lazy label: the command appears as a button in the menu."""
    role: str | None = None
    """Who may use it (bot/core/permissions.py: AANJAGER, VIEWER); checked by the dispatcher before the handler."""


@dataclass(slots=True)
class PeriodicJob:
    name: str
    func: PeriodicFunc
    every_s: float


@dataclass
class Registry:
    """Everything the dispatcher can route to, registered in one visible place (handlers/__init__.py)."""

    flows: dict[str, Flow] = field(default_factory=dict)
    commands: dict[str, CommandSpec] = field(default_factory=dict)
    actions: dict[str, ActionHandler] = field(default_factory=dict)
    free_text: FreeTextHandler | None = None
    """What typed text outside a question means (an idea, a report, a greeting, ...)."""
    topics: dict[str, TopicHandler] = field(default_factory=dict)
    """The answer to a question typed between the questions, per topic (bot/understanding/dialogue_acts.TOPICS):
    the repair layer answers it this way and then asks the interrupted question again."""
    handoff: CommandHandler | None = None
    """"Can I talk to a person?": the wijk's people and how to reach them."""
    resume: CommandHandler | None = None
    """"Waar was ik?" with no question open: what the resident left unfinished."""
    periodic: list[PeriodicJob] = field(default_factory=list)

    def flow(self, flow: Flow) -> None:
        if flow.name in self.flows:
            raise ValueError(f"flow {flow.name!r} registered twice")
        self.flows[flow.name] = flow

    def command(
        self,
        name: str,
        handler: CommandHandler,
        *,
        description: Any = None,
        needs_consent: bool = False,
        needs_wijk: bool = False,
        hidden: bool = False,
        aliases: Sequence[str] = (),
        menu_label: Any = None,
        role: str | None = None,
    ) -> None:
        if role is not None and role not in permissions.ROLES:
            raise ValueError(f"command {name!r}: unknown role {role!r}")
        spec = CommandSpec(
            name, handler, needs_consent, needs_wijk, hidden, description, tuple(aliases), menu_label, role
        )
        for key in (name, *aliases):
            if key in self.commands:
                raise ValueError(f"command {key!r} registered twice")
            self.commands[key] = spec

    def alias(self, name: str, alias: str) -> None:
        """Another name for a registered command (its name in another language)."""
        if alias in self.commands and self.commands[alias] is not self.commands[name]:
            raise ValueError(f"command {alias!r} registered twice")
        self.commands[alias] = self.commands[name]

    def action(self, name: str, handler: ActionHandler) -> None:
        if name in self.actions:
            raise ValueError(f"action {name!r} registered twice")
        self.actions[name] = handler

    def every(self, seconds: float, name: str, func: PeriodicFunc) -> None:
        """A job the scheduler runs periodically to pick up due rows (check-ins, reminders, ...)."""
        self.periodic.append(PeriodicJob(name, func, seconds))

    def menu_commands(self) -> list[CommandSpec]:
        return [spec for name, spec in self.commands.items() if spec.menu_label is not None and name == spec.name]

    def visible_commands(self) -> list[CommandSpec]:
        seen: dict[int, CommandSpec] = {}  # aliases point at the same spec
        for spec in self.commands.values():
            if not spec.hidden and spec.description is not None:
                seen.setdefault(id(spec), spec)
        return list(seen.values())


class Context:
    """Everything a handler needs for one incoming event; collects the replies."""

    def __init__(
        self, *, app: App, session: Session, user: User, conversation: Conversation, incoming: Incoming
    ) -> None:
        self.app = app
        self.session = session
        self.user = user
        self.conversation = conversation
        self.incoming = incoming
        self.replies: list[Reply] = []
        self.now: datetime = app.clock.now()
        self.forgotten = False
        self.returning: dict[str, Any] | None = None
        """A paused conversation to go back to, set when the flow that interrupted it ends."""
        self.keep_choices = False
        """Replies that only comment on the options shown (which one do you mean?) keep their numbers."""

    # --- shortcuts -------------------------------------------------------
    @property
    def content(self) -> Content:
        return self.app.content

    @property
    def registry(self) -> Registry:
        return self.app.registry

    @property
    def data(self) -> dict[str, Any]:
        """The current flow's scratch data; assign keys through `remember`."""
        return self.conversation.data

    def remember(self, **values: Any) -> None:
        # a new dict so SQLAlchemy sees the JSON column change
        self.conversation.data = {**self.conversation.data, **values}

    def forget(self, *keys: str) -> None:
        self.conversation.data = {k: v for k, v in self.conversation.data.items() if k not in keys}

    def not_understood(self) -> None:
        """"Sorry, I didn't get that" with the open question's options again: typed text that names none of them."""
        self.with_options_again(_("Sorry, I didn't get that. Type the number or the word of your answer:"))

    def with_options_again(self, text: str) -> None:
        """A short reply with the open question's options under it, without the whole question again."""
        options = answers.options_from_rows(self.conversation.choices)
        self.reply(text, [Choice(o.data, o.label, o.family) for o in options])

    def as_typed(self, text: str) -> str:
        """A text taken from this message, as the resident typed it: what is stored and said back, where the
        message was read in a respelling (Ukrainian in Latin letters, read in Cyrillic)."""
        typed = self.incoming.typed
        return latin_ukrainian.as_typed(typed, text) if typed and text else text

    def readable(self, text: str) -> str:
        """A stored text of this resident as the understanding reads it (`latin_ukrainian.readable`)."""
        return latin_ukrainian.readable(text, writes_ukrainian=self.user.locale == "uk")

    @property
    def open_step(self) -> Step | None:
        """The step of the question that is open, or None."""
        conversation = self.conversation
        flow = self.registry.flows.get(conversation.flow) if conversation.flow else None
        return flow.steps.get(conversation.step) if flow is not None and conversation.step else None

    def write_in(self, locale: str) -> None:
        """From now on in this language: the resident's setting, and the texts of this update from here on."""
        self.user.locale = locale
        set_locale(locale)

    @property
    def wijk(self) -> Wijk | None:
        wijk_id = self.user.wijk_id
        return self.content.wijken.get(wijk_id) if wijk_id else None

    def organised_wijken(self) -> list[str]:
        """The wijken this user may organise for as an aanjager (an admin: all); bot/core/permissions.py."""
        return permissions.organises(self.session, user=self.user, content=self.content)

    def has_consent(self, purpose: ConsentPurpose = ConsentPurpose.STORE) -> bool:
        return users_crud.has_consent(self.session, user=self.user, purpose=purpose)

    # --- replies -----------------------------------------------------------
    def reply(
        self,
        text: str,
        choices: Iterable[Choice] = (),
        *,
        attachment: Attachment | None = None,
        replaces_prompt: bool = False,
        photo: Photo | None = None,
    ) -> None:
        self.replies.append(right_to_left(Reply(text, tuple(choices), attachment, replaces_prompt, photo)))

    def row(self, model: type[M], ident: str) -> M | None:
        """The row whose id is in (possibly forged) button data; None for anything that is not an id."""
        number = row_id(ident)
        return self.session.get(model, number) if number is not None else None

    def choice(self, value: str, label: str, *, family: str | None = None) -> Choice:
        """A button answering the current step; it goes stale when the user moves on.

        ``family`` ("yes", "no", "done", "back", "skip", "later", ... see bot/understanding/answer_words.py) lets the
        typed words of that family pick this choice, in every language."""
        flow, step = self.conversation.flow, self.conversation.step
        if flow is None or step is None:
            raise RuntimeError("choice() outside a flow step; use action() or command()")
        return _checked(Choice(f"{flow}:{step}:{value}", label, family))

    def back_choice(self, label: str) -> Choice:
        return self.choice(BACK, label, family="back")

    @staticmethod
    def action(name: str, *args: object, label: str, family: str | None = None) -> Choice:
        return _checked(Choice(":".join(["!" + name, *map(str, args)]), label, family))

    @staticmethod
    def command(name: str, label: str, *, family: str | None = None) -> Choice:
        return _checked(Choice("/" + name, label, family))

    # --- flow control ------------------------------------------------------
    async def start(self, flow: str, step: str | None = None, **data: Any) -> None:
        """Enters a flow (dropping any current one) and asks its first (or given) step."""
        target = self.registry.flows[flow]
        self.conversation.flow = flow
        self.conversation.step = step or target.first_step
        self.conversation.data = dict(data)
        await self.ask_current()

    async def goto(self, step: str) -> None:
        """Moves to another step of the current flow and asks it; 'terug' returns here. After a correction the
        flow went back to the corrected question for: on from there is back to where the resident was."""
        flow = self._current_flow()
        resume_at = self.conversation.data.get(RESUME_AT)
        if resume_at in flow.steps and step != self.conversation.step:
            self.forget(RESUME_AT)
            step = str(resume_at)
        if step not in flow.steps:
            raise KeyError(f"flow {flow.name!r} has no step {step!r}")
        history = [*asked_steps(self.conversation), self.conversation.step]
        self.remember(**{HISTORY: history[-20:]})
        self.conversation.step = step
        await self.ask_current()

    async def back(self) -> bool:
        history = asked_steps(self.conversation)
        if not history:
            return False
        self.conversation.step = history.pop()
        self.remember(**{HISTORY: history})
        await self.ask_current()
        return True

    def was_asked(self, step: str) -> bool:
        """The step was asked earlier in this flow, or is the one open now."""
        return step == self.conversation.step or step in asked_steps(self.conversation)

    def rewind_to(self, step: str) -> None:
        """Makes `step` the open question again without asking it, as if the resident were still there: taken
        off the history when it was the last one asked, so "terug" does not return to it twice."""
        history = asked_steps(self.conversation)
        if history and history[-1] == step:
            history.pop()
        self.conversation.step = step
        self.remember(**{HISTORY: history})

    async def ask_current(self) -> None:
        flow, step = self.conversation.flow, self.conversation.step
        if flow is None or step is None:
            return
        handler = self.registry.flows[flow].steps[step].ask
        if handler is not None:
            await handler(self)

    def end(self) -> None:
        returning = self.conversation.data.get(RETURN)
        if isinstance(returning, dict):
            self.returning = returning
        self.conversation.flow = None
        self.conversation.step = None
        self.conversation.data = {}

    def interrupted_by(self, paused: dict[str, Any]) -> None:
        """The flow that was just started interrupts ``paused`` (a flow, its step and data): when it ends, the
        dispatcher asks the paused question again ("handled, then back")."""
        if self.conversation.flow is not None:
            self.remember(**{RETURN: paused})

    def _current_flow(self) -> Flow:
        if self.conversation.flow is None:
            raise RuntimeError("no flow active")
        return self.registry.flows[self.conversation.flow]

    def detach_user(self) -> None:
        """The user was just erased: nothing about them may be written back after this event."""
        self.forgotten = True

    async def run_command(self, name: str) -> None:
        await self.app.dispatcher.run_command(self, name)


def _checked(choice: Choice) -> Choice:
    if len(choice.data.encode()) > MAX_CHOICE_DATA:
        raise ValueError(f"choice data longer than {MAX_CHOICE_DATA} bytes: {choice.data!r}")
    return choice


def parse_step_choice(data: str) -> tuple[str, str, str] | None:
    parts = data.split(":", 2)
    if len(parts) != 3 or not all(parts[:2]):
        return None
    return parts[0], parts[1], parts[2]
