"""Onboarding: language → what we store and why (consent) → wijk → menu.

Also serves /taal and /wijk (one step, then back to where you were) and the
consent/wijk questions other features need before they can start.
"""

from __future__ import annotations

import re

from bot.core.commands import cmd, plain_command
from bot.core.conversation import Context, Flow
from bot.core.events import Incoming, Kind
from bot.infra.crud import users as users_crud
from bot.infra.i18n import LANGUAGE_NAMES, LOCALES, _, normalize_locale, set_locale
from bot.infra.models import ConsentPurpose
from bot.understanding import answers, intents, language_id
from bot.understanding.language_requests import requested_language
from bot.understanding.phrases import fold
from handlers.activities import open_deep_link
from handlers.menu import show_menu

flow = Flow("onboarding")

DEEP_LINK_PREFIX = "wijk-"
POSTCODE = re.compile(r"^\s*(\d{4})\s*[-.]?\s*([a-zA-Z]{2})?\s*[.!]?\s*$")


async def start(ctx: Context) -> None:
    """/start, also with a deep link like `/start wijk-presikhaaf` from a QR code on a poster."""
    deep_wijk = _deep_link_wijk(ctx)
    if ctx.user.muted:
        ctx.user.muted = False
        ctx.reply(_("Welcome back! You will receive news from your neighbourhood again."))
    if ctx.user.onboarded:
        if deep_wijk and deep_wijk != ctx.user.wijk_id:
            await ctx.start("onboarding", "switch_wijk", wijk=deep_wijk)
            return

        if await open_deep_link(ctx):
            return
        ctx.reply(_("Good to see you again!"))
        await show_menu(ctx)
        return
    typed = ctx.incoming.kind is Kind.TEXT and plain_command(ctx.incoming.text, ctx.registry.commands) is None
    first = ctx.incoming.text.strip() if typed else ""  # what a newcomer wrote, taken up after the questions
    if first and (guess := language_id.identify(first)).language in LOCALES:
        ctx.user.locale = str(guess.language)  # "merhaba, bir fikrim var": the questions come in Turkish
        set_locale(ctx.user.locale)
    await ctx.start("onboarding", "language", preset_wijk=deep_wijk, **({"first_text": first} if first else {}))


async def change_language(ctx: Context) -> None:
    """/taal, or /taal en (also what "english please" typed anywhere becomes): then at once."""
    code = next((normalize_locale(arg) for arg in ctx.incoming.args if normalize_locale(arg) in LOCALES), None)
    paused = _paused(ctx)
    if code is None and paused is None and not ctx.user.consent_decided:  # "my Dutch is not good" as first words
        await ctx.start("onboarding", "language")
        return
    if code is None:
        await ctx.start("onboarding", "language", single=True, resume=paused)
        return
    ctx.user.locale = code
    set_locale(code)
    if paused is None and not ctx.user.consent_decided:  # a newcomer's first words: on with the onboarding
        await ctx.start("onboarding", "consent")
        return
    ctx.reply(_("Okay, from now on I will write in English."))
    if paused is None:  # no question open: the options last shown stay answerable (in either language)
        ctx.keep_choices = True
    else:  # the conversation never left the question: asked again, in the new language
        await ctx.ask_current()


async def change_wijk(ctx: Context) -> None:
    await ctx.start("onboarding", "wijk", single=True, resume=_paused(ctx))


def _paused(ctx: Context) -> dict[str, object] | None:
    """The conversation /taal or /wijk interrupts, to continue it afterwards."""
    conversation = ctx.conversation
    if conversation.flow is None or conversation.step == "language" or conversation.data.get("single"):
        return None
    return {"flow": conversation.flow, "step": conversation.step, "data": conversation.data}


async def _resume(ctx: Context) -> None:
    """Back to the question /taal or /wijk interrupted, asked again (in the new language)."""
    paused = ctx.data.get("resume")
    ctx.end()
    if isinstance(paused, dict) and paused.get("flow") in ctx.registry.flows:
        ctx.conversation.flow, ctx.conversation.step = paused["flow"], paused["step"]
        ctx.conversation.data = dict(paused.get("data") or {})
        await ctx.ask_current()


def _deep_link_wijk(ctx: Context) -> str | None:
    for arg in ctx.incoming.args:
        if arg.startswith(DEEP_LINK_PREFIX) and arg[len(DEEP_LINK_PREFIX):] in ctx.content.wijken:
            return arg[len(DEEP_LINK_PREFIX):]
    return None


# --- language -----------------------------------------------------------------
@flow.ask("language")
async def ask_language(ctx: Context) -> None:
    hint = normalize_locale(ctx.incoming.language_hint)
    order = sorted(LOCALES, key=lambda code: code != (ctx.user.locale or hint))
    ctx.remember(first_offered=order[0])  # "ja hoor" to "which language?": the language it was asked in
    if not ctx.data.get("single"):
        ctx.reply(_("Hello! I am Wijkgids, your guide to the neighbourhood."))
    ctx.reply(
        _("Which language would you like to use?"),
        [ctx.choice(code, LANGUAGE_NAMES[code], family=f"lang_{code}") for code in order],
    )


def _assent(text: str) -> bool:
    return answers.family_of(text, "yes")


@flow.answer("language", slot="language", free_text=_assent)
async def got_language(ctx: Context, msg: Incoming) -> None:
    code = msg.choice if msg.kind is Kind.CHOICE else ""
    if msg.kind is Kind.TEXT and _assent(msg.text):  # "ja hoor": fine, the language of the question
        code = str(ctx.data.get("first_offered", ""))
        written = language_id.identify(msg.text).language  # "yes that's fine" on a Dutch phone: English
        if written in LOCALES and written != code:
            code = written
    if code not in LOCALES:
        await ctx.ask_current()
        return
    await _switch_language(ctx, code)


async def _switch_language(ctx: Context, code: str) -> None:
    ctx.user.locale = code
    set_locale(code)
    if ctx.data.get("single"):
        ctx.reply(_("Okay, from now on I will write in English."))
        await _resume(ctx)
        return
    await ctx.goto("consent")


# --- consent ------------------------------------------------------------------
@flow.ask("consent")
async def ask_consent(ctx: Context) -> None:
    ctx.reply(
        _(
            "Before we start: to help you, I keep a few things in a database of the neighbourhood "
            "project: your language, your neighbourhood, and what you tell me about your ideas, "
            "what you can offer and the activities you join.\n\n"
            "I never pass anything on to other people unless you ask me to. "
            "With {my_data} you see everything I keep, and {forget_me} erases it.\n\n"
            "Is that okay?"
        ).format(my_data=cmd("mijngegevens"), forget_me=cmd("vergeetmij")),
        [ctx.choice("yes", _("Yes, that's fine"), family="yes"), ctx.choice("no", _("No, rather not"), family="no")],
    )


IDEA_AT_CONSENT_WORDS = 4
"""At least this many words: an idea typed at the consent question, not a hedge ("misschien")."""


def _idea_at_consent(text: str) -> bool:
    """"ik wil een moestuin beginnen met de buren" at "Is dat goed?": an idea, not an answer to the question (the
    free-text intents' reading of it); it is taken up right after the questions."""
    if len(text.split()) < IDEA_AT_CONSENT_WORDS or "?" in text:
        return False
    first = re.split(r"[,.!;]", text.strip(), maxsplit=1)[0]
    if answers.family_of(first, "yes") or answers.family_of(first, "no"):
        return False  # "ja hoor, ik heb toch niks te verbergen": an answer
    meant = intents.classify(text, intents.load(intents.CONTENT)).intent
    return meant in (intents.IDEA, intents.REPORT)


@flow.answer("consent", slot="consent", free_text=_idea_at_consent)
async def got_consent(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.TEXT and _idea_at_consent(msg.text):
        ctx.remember(first_text=msg.text.strip())  # forgotten again if they say no
        ctx.reply(_("Good, I will come back to that right after this question: “{text}”").format(
            text=msg.text.strip()))
        await ctx.ask_current()
        return
    if msg.kind is not Kind.CHOICE or msg.choice not in ("yes", "no"):
        await ctx.ask_current()
        return
    ctx.user.consent_decided = True
    if msg.choice == "yes":
        users_crud.grant_consent(ctx.session, user=ctx.user, purpose=ConsentPurpose.STORE, now=ctx.now)
        ctx.reply(_("Thank you!"))
    else:
        users_crud.withdraw_consent(ctx.session, user=ctx.user, purpose=ConsentPurpose.STORE)
        ctx.forget("first_text")  # nothing they wrote is kept
        ctx.reply(
            _(
                "That's fine. I will only remember your language, your neighbourhood and this choice. "
                "I can still tell you about places and activities, but I can't keep your ideas. "
                "You can change your mind any time with {cmd}."
            ).format(cmd=cmd("start"))
        )
    if ctx.data.get("then"):
        await _continue(ctx)
        return
    preset = ctx.data.get("preset_wijk")
    if preset and preset in ctx.content.wijken:
        _set_wijk(ctx, preset)
        await _finish(ctx)
        return
    await ctx.goto("wijk")


# --- wijk -------------------------------------------------------------------------
@flow.ask("wijk")
async def ask_wijk(ctx: Context) -> None:
    gemeenten = ctx.content.gemeenten
    options = [
        ctx.choice(w.id, _("{wijk} ({gemeente})").format(wijk=w.name, gemeente=gemeenten[w.gemeente].name))
        for w in ctx.content.wijken_sorted()
    ]
    options.append(ctx.choice("other", _("My neighbourhood is not listed")))
    ctx.reply(_("Which neighbourhood do you live in? Pick it below, or type your postcode."), options)


@flow.answer("wijk", free_text=lambda text: bool(POSTCODE.match(text)), slot="wijk")
async def got_wijk(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.CHOICE:
        if msg.choice == "other":
            ctx.reply(_not_yet_here(ctx))
            await _after_wijk(ctx)
            return
        wijk_id: str | None = msg.choice if msg.choice in ctx.content.wijken else None
    else:
        wijk_id = _wijk_from_text(ctx, msg.text)
        if wijk_id is None and (postcode := POSTCODE.match(msg.text)):
            ctx.reply(_("I don't know postcode {postcode} yet.").format(
                postcode=" ".join(p.upper() for p in postcode.groups() if p)))
            ctx.reply(_not_yet_here(ctx))
            await ctx.ask_current()
            return
    if wijk_id is None:
        ctx.reply(_("I couldn't find that neighbourhood. Pick one below, or type a postcode like 6825 AB."))
        await ctx.ask_current()
        return
    _set_wijk(ctx, wijk_id)
    await _after_wijk(ctx)


def _wijk_from_text(ctx: Context, text: str) -> str | None:
    """A typed postcode ("6825 AB", "6825-ab"); wijk names are options, resolved by the dispatcher."""
    if postcode := POSTCODE.match(text):
        wijk = ctx.content.wijk_for_postcode(" ".join(p for p in postcode.groups() if p))
        return wijk.id if wijk else None
    return None


def _not_yet_here(ctx: Context) -> str:
    names = ", ".join(w.name for w in ctx.content.wijken_sorted())
    return _(
        "Wijkgids works in these neighbourhoods for now: {names}. "
        "You can still look around; ask your municipality if your neighbourhood can join."
    ).format(names=names)


def _set_wijk(ctx: Context, wijk_id: str) -> None:
    ctx.user.wijk_id = wijk_id
    wijk = ctx.content.wijken[wijk_id]
    ctx.reply(_("Nice, {wijk} it is!").format(wijk=wijk.name))


async def _after_wijk(ctx: Context) -> None:
    if ctx.data.get("single"):
        await _resume(ctx)
        return
    if ctx.data.get("then") and ctx.wijk is None:
        await _finish(ctx)
        return
    if ctx.data.get("then"):
        await _continue(ctx)
        return
    await _finish(ctx)


async def _finish(ctx: Context) -> None:
    """Done; what a newcomer wrote before the questions ("hoi, ik wil moestuinbakken op ons plein") is taken up
    now, so nobody has to type it twice."""
    first = str(ctx.data.get("first_text") or "")
    ctx.end()
    ctx.user.onboarded = True
    if first and ctx.wijk is not None and ctx.has_consent() and ctx.registry.free_text is not None \
            and not _only_hello(ctx, first):
        await ctx.registry.free_text(ctx, first)
        return
    await show_menu(ctx, intro=True)


def _only_hello(ctx: Context, text: str) -> bool:
    """A first message that says hello, thanks, asks for help or for a language: nothing to take up."""
    meant = intents.classify(text, intents.load(ctx.app.settings.content_dir)).intent
    return meant in (intents.GREETING, intents.THANKS, intents.HELP, intents.NONE) \
        or requested_language(text) is not None


async def _continue(ctx: Context) -> None:
    """Back to the feature that needed consent or a wijk first."""
    then = str(ctx.data["then"])
    ctx.end()
    ctx.user.onboarded = True
    if ctx.registry.commands[then].needs_consent and not ctx.has_consent():
        await show_menu(ctx)
        return
    await ctx.run_command(then)


# --- a deep link to another wijk ------------------------------------------------
@flow.ask("switch_wijk")
async def ask_switch_wijk(ctx: Context) -> None:
    wijk = ctx.content.wijken[ctx.data["wijk"]]
    ctx.reply(
        _("This link is for {wijk}. Do you want to make that your neighbourhood?").format(wijk=wijk.name),
        [ctx.choice("yes", _("Yes, switch"), family="yes"), ctx.choice("no", _("No, keep mine"), family="no")],
    )


@flow.answer("switch_wijk", slot="wijk")
async def got_switch_wijk(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.CHOICE:
        await ctx.ask_current()
        return
    wijk_id = str(ctx.data["wijk"])
    ctx.end()
    if msg.choice == "yes":
        _set_wijk(ctx, wijk_id)
    await show_menu(ctx)


# --- corrections, also right after onboarding ("oops, I meant Bloemenbuurt, not Presikhaaf") ----------------
@flow.correct("wijk")
async def correct_wijk(ctx: Context, text: str) -> str | None:
    typed = f" {fold(text)} "
    named = [w for w in ctx.content.wijken_sorted() if f" {fold(w.name)} " in typed and w.id != ctx.user.wijk_id]
    if len(named) != 1:
        return None
    ctx.user.wijk_id = named[0].id
    return _("Changed: your neighbourhood is now {wijk}.").format(wijk=named[0].name)


@flow.correct("language")
async def correct_language(ctx: Context, text: str) -> str | None:
    typed = fold(text).split()
    named = [code for word, code in LANGUAGE_WORDS.items() if word in typed and code != ctx.user.locale]
    if len(set(named)) != 1:
        return None
    ctx.user.locale = named[0]
    set_locale(named[0])
    return _("Okay, from now on I will write in English.")


LANGUAGE_WORDS = {"english": "en", "engels": "en", "dutch": "nl", "nederlands": "nl", "hollands": "nl"}

