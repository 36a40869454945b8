"""The answer walk: every step of every registered flow, in Dutch and English, with its options typed.

tests/test_scripts.py drives the flows (each script is played as written, then replayed in the other language by
picking the same options) and records what every step showed; at every step that offers options, each label typed
in lower case without symbols must pick that option, and the yes/no/done words must pick the options of those
families, exactly as the dispatcher resolves them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core.app import App
from bot.core.conversation import Context, Registry
from bot.core.events import Incoming
from bot.infra.clock import ManualClock
from bot.infra.i18n import current_locale
from bot.understanding import answers
from tests.conversation_scripts import Replayed, Script, play

FAMILY_WORDS = {
    "yes": ("ja", "ok", "oké", "prima", "goed", "zeker", "yes", "sure", "👍", "Yes, that’s fine"),
    "no": ("nee", "no", "liever niet"),
    "done": ("klaar", "verder", "dat was het", "done", "next"),
}
FIRST_WORDS = {"yes": ("ja", "yes"), "no": ("nee", "no"), "done": ("klaar", "done")}
OTHER = {"nl": "en", "en": "nl", "tr": "nl", "ar": "en", "pl": "nl", "uk": "en"}
"""The language each script is replayed in: Dutch and English swap; a script in another language is replayed in
one of them (what it typed, replayed as what it meant)."""


@dataclass(frozen=True)
class Seen:
    flow: str
    step: str
    locale: str
    options: tuple[answers.Option, ...]


def watch(app: App, seen: list[Seen], meant: list[Replayed]) -> None:
    """Records the options of every step, and what each typed message meant (for the replay)."""
    dispatcher = app.dispatcher
    remember, picked, handle = dispatcher._remember_choices, dispatcher.picked, dispatcher.handle

    def remember_and_record(ctx: Context) -> None:
        remember(ctx)
        flow, step = ctx.conversation.flow, ctx.conversation.step
        if flow and step:
            options = tuple(answers.options_from_rows(ctx.conversation.choices))
            seen.append(Seen(flow, step, current_locale(), options))

    async def picked_and_record(ctx: Context, incoming: Incoming, picks: tuple[str, ...]) -> None:
        meant[-1] = Replayed(incoming.text, picks)
        await picked(ctx, incoming, picks)

    async def handle_and_record(incoming: Incoming):  # type: ignore[no-untyped-def]
        meant.append(Replayed(incoming.text if incoming.kind.value != "choice" else "", ()))
        if incoming.kind.value == "choice":
            meant[-1] = Replayed("", (incoming.choice,))
        return await handle(incoming)

    dispatcher._remember_choices = remember_and_record  # type: ignore[method-assign]
    dispatcher.picked = picked_and_record  # type: ignore[method-assign]
    dispatcher.handle = handle_and_record  # type: ignore[method-assign]


def language_of(script: Script) -> str:
    return script.language or next(iter(script.users.values())).get("locale", "nl")


async def play_and_replay(app: App, clock: ManualClock, script: Script, seen: list[Seen],
                          other: Callable[[], App]) -> None:
    """Plays the script in its own language on ``app`` (checking it), then replays what each typed message meant
    in the other language on a fresh app from ``other``; records the options of every step both runs showed."""
    start = clock.now()
    meant: list[Replayed] = []
    watch(app, seen, meant)
    await play(app, clock, script)
    typed = typed_events(script, meant)
    clock.set(start)
    again = other()
    try:
        watch(again, seen, [])
        await play(again, clock, script, language=OTHER[language_of(script)], replay=typed)
    finally:
        again.engine.dispose()


def walk_problems(registry: Registry, seen: list[Seen]) -> list[str]:
    """Steps no script reaches (in Dutch or English), options their own typed label or family words do not pick,
    and a stale recording of the dialogue-act bench's situations."""
    visited = {(s.flow, s.step, s.locale) for s in seen}
    problems = [f"step no script reaches: {flow.name}:{step} ({locale})" for flow in registry.flows.values()
                for step in flow.steps for locale in ("nl", "en") if (flow.name, step, locale) not in visited]
    for item in {s for s in seen if s.options}:
        step = registry.flows[item.flow].steps[item.step]
        problems += _check_step(item, multi=step.multi, free=step.free_text)
    stale = _stale_situations(seen)
    if stale:
        problems.append(f"tests/data/dialogue-act-situations.yaml no longer matches the app: {stale}; regenerate it "
                        "with `python -m tests.dialogue_act_situations`")
    return sorted(problems)


def _stale_situations(seen: list[Seen]) -> list[str]:
    """Steps whose recorded options (the dialogue-act bench's situations) the app no longer shows: the same number
    of options with the same answer families, in some run of the scripts."""
    from tests.dialogue_act_situations import load_situations

    shown: dict[tuple[str, str, str], set[tuple[str, ...]]] = {}
    for item in seen:
        shown.setdefault((item.flow, item.step, item.locale), set()).add(tuple(o.family or "" for o in item.options))
    stale = []
    for at, per_locale in load_situations()["steps"].items():
        flow, step = at.split(":", 1)
        for locale, rows in per_locale.items():
            if tuple(str(row[2]) for row in rows) not in shown.get((flow, step, locale), set()):
                stale.append(f"{at} ({locale})")
    return stale


def typed_events(script, meant: list[Replayed]) -> list[Replayed]:  # type: ignore[no-untyped-def]
    """The meaning of the script's own `say` steps (the setup's messages come first and are skipped)."""
    says = sum(1 for step in script.steps if "say" in step)
    return meant[len(meant) - says:] if says else []


def _check_step(item: Seen, *, multi: bool, free: object) -> list[str]:
    problems = []
    where = f"{item.flow}:{item.step} ({item.locale})"
    for option in item.options:
        typed = answers.plain(option.label)
        exact_only = free is True or (callable(free) and bool(free(typed)))
        found = answers.resolve(typed, item.options, multi=multi, exact_only=exact_only)
        if found.picks != (option.data,):
            problems.append(f"{where}: typing {typed!r} gave {found}")
        first = typed.split()[0] if typed else ""
        for family, words in FIRST_WORDS.items():
            if first in words and not (option.family and answers.family_of(first, option.family)):
                problems.append(f"{where}: {option.label!r} looks like a {family!r} answer but has no family")
        for word in FAMILY_WORDS.get(option.family or "", ()):
            found = answers.resolve(word, item.options, multi=multi, exact_only=exact_only)
            if found.picks != (option.data,):
                problems.append(f"{where}: typing {word!r} for {option.label!r} gave {found}")
    return problems
