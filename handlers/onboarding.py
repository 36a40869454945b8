"""Onboarding: language → what we store and why (consent) → wijk → menu.

Also serves /taal and /wijk (one step, then back to where you were) and the
consent/wijk questions other features need before they can start.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.core.commands import cmd, plain_command
from bot.core.conversation import Context, Flow, parse_step_choice
from bot.core.events import Choice, Incoming, Kind
from bot.infra.crud import users as users_crud
from bot.infra.i18n import LANGUAGE_NAMES, LOCALES, _, normalize_locale
from bot.infra.models import ConsentPurpose
from bot.understanding import answers, intents, language_id
from bot.understanding.language_requests import request_in, requested_language
from bot.understanding.phrases import fold
from handlers.activities import open_deep_link
from handlers.menu import how_it_works, show_menu

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
    await _welcome(ctx, first, preset_wijk=deep_wijk)


async def _welcome(ctx: Context, first: str, code: str | None = None, *, preset_wijk: str | None = None) -> None:
    """A newcomer's first words: a language named in them ("hi there, do you speak english?") is used at once and
    the language question skipped; otherwise the questions come in the language the words are written in
    ("merhaba, bir fikrim var": Turkish) and the language question still lets them choose. What else they said is
    kept (not stored) and taken up after the questions."""
    _learn_wijk_names(ctx)
    if code is None and first and (guess := language_id.identify(first)).language in LOCALES:
        ctx.write_in(str(guess.language))
    kept = {"first_text": first} if first else {}
    if code is None:
        await ctx.start("onboarding", "language", preset_wijk=preset_wijk, **kept)
        return
    ctx.write_in(code)
    ctx.reply(_("Hello! I am Wijkgids, your guide to the neighbourhood."))
    await ctx.start("onboarding", "consent", preset_wijk=preset_wijk, **kept)


async def change_language(ctx: Context) -> None:
    """/taal, or /taal en (also what "english please" typed anywhere becomes): then at once."""
    code = next((normalize_locale(arg) for arg in ctx.incoming.args if normalize_locale(arg) in LOCALES), None)
    paused = _paused(ctx)
    if paused is None and not ctx.user.consent_decided and ctx.conversation.flow is None:
        # a newcomer's first words ask for a language ("do you speak english?", "my Dutch is not good")
        typed = ctx.incoming.text.strip()
        typed = "" if typed.startswith(("/", "!")) else typed
        found = request_in(typed) if typed else None
        await _welcome(ctx, found[1] if found else typed, code or (found[0] if found else None))
        return
    if code is None and paused is None and not ctx.user.consent_decided:  # "my Dutch is not good" at the question
        await ctx.start("onboarding", "language", **_kept(ctx))
        return
    if code is None:
        await ctx.start("onboarding", "language", single=True, resume=paused)
        return
    ctx.write_in(code)
    if paused is None and not ctx.user.consent_decided:  # at the language question: on with the onboarding
        await ctx.start("onboarding", "consent", **_kept(ctx))
        return
    ctx.reply(_("Okay, from now on I will write in English."))
    if paused is None:  # no question open: the options last shown stay answerable (in either language)
        ctx.keep_choices = True
    else:  # the conversation never left the question: asked again, in the new language
        await ctx.ask_current()


def _kept(ctx: Context) -> dict[str, object]:
    """What a newcomer said before the questions, kept for after them."""
    return {key: ctx.data[key] for key in ("first_text", "said", "preset_wijk") if ctx.data.get(key)}


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


@flow.explain("language")
def explain_language(ctx: Context) -> str:
    return _("I'm asking which language I should write to you in. Choose one below, or type it, for example "
             "\"English\" or \"Nederlands\". You can change it later with {cmd}.").format(cmd=cmd("taal"))


def _assent(text: str) -> bool:
    return answers.family_of(text, "yes")


def _written_in(text: str) -> str | None:
    """The language a text is clearly written in (two words or more), or None."""
    return language_id.written_in(text, confidence=language_id.SWITCH, min_words=2)


def _language_answer(text: str) -> bool:
    """At the language question: a yes ("ja hoor", "yes thats fine"), a language asked for in a sentence, or any
    text clearly in one of the languages ("ik woon in presikhaaf denk ik"); a question goes to the repair layer."""
    return _assent(text) or request_in(text, preferring=True) is not None \
        or ("?" not in text and _written_in(text) is not None) or _names_a_wijk(text)


def _names_a_wijk(text: str) -> bool:
    """"presikhaaf", "6825 AB": a wijk (or a postcode) typed at the language question."""
    return bool(POSTCODE.match(text)) or any(_names(f" {fold(text)} ", name) for name in _WIJK_NAMES)


@flow.answer("language", slot="language", free_text=_language_answer)
async def got_language(ctx: Context, msg: Incoming) -> None:
    code = msg.choice if msg.kind is Kind.CHOICE else ""
    later = False
    if msg.kind is Kind.TEXT:
        text = msg.text.strip()
        named = request_in(text, preferring=True)
        picked = answers.resolve(text, answers.options_from_rows(ctx.conversation.choices)).picks
        if named is not None:  # "kan het in het arabisch"
            code, said = named
        elif len(picked) == 1:
            code, said = picked[0].rsplit(":", 1)[-1], ""
        elif _written_in(text) in (None, "nl") and (wijk_id := _plainly_named(ctx, text)) is not None:
            # "presikhaaf": Dutch, and that wijk
            ctx.remember(preset_wijk=wijk_id)
            ctx.write_in("nl")
            ctx.reply(_("{wijk}, noted. I'll go on in Dutch; you can change that any time with {cmd}.").format(
                wijk=ctx.content.wijken[wijk_id].name, cmd=cmd("taal")))
            code, said = "nl", ""
        elif _assent(text):  # "ja hoor": the language it is written in, else the language of the question
            code, said = _written_in(text) or language_id.identify(text).language or "", ""
            code = code if code in LOCALES else str(ctx.data.get("first_offered", ""))
        else:  # "ik woon in presikhaaf denk ik": Dutch, and what it says is kept for later
            code, said = _written_in(text) or "", text
        if said and code in LOCALES:
            _keep(ctx, said)
            later = _has_content(said)
    if code not in LOCALES:
        await ctx.ask_current()
        return
    await _switch_language(ctx, code, later=later)


def _keep(ctx: Context, text: str) -> None:
    """Something a newcomer said at a question of the onboarding (a wijk, an idea): kept in the conversation (never
    stored elsewhere before consent), and used at the wijk question or taken up after the onboarding."""
    ctx.remember(said=[*list(ctx.data.get("said") or []), text][-3:])


async def _switch_language(ctx: Context, code: str, *, later: bool = False) -> None:
    """On in the chosen language; ``later``: what was typed with it is kept for after the questions (an idea, a
    wijk), and the resident hears so, as at the consent and wijk questions."""
    unchanged = code == ctx.user.locale
    ctx.write_in(code)
    if ctx.data.get("single"):
        said = list(ctx.data.get("said") or [])
        paused = ctx.data.get("resume")
        if not (later and unchanged):  # "speeltuin is kapot" in Dutch at /taal from Dutch: no news, just the answer
            ctx.reply(_("Okay, from now on I will write in English."))
        await _resume(ctx)
        if later and said and paused is None and ctx.registry.free_text is not None:
            await ctx.registry.free_text(ctx, str(said[-1]))  # what the resident wrote is answered, not dropped
        return
    if later:
        ctx.reply(_("I'll come back to that in a moment."))
    await ctx.goto("consent")


# --- consent ------------------------------------------------------------------
@flow.ask("consent")
async def ask_consent(ctx: Context) -> None:
    _learn_wijk_names(ctx)
    ctx.reply(
        _(
            "Before we start: to help you, I keep a few things in a database of the neighbourhood "
            "project: your language, your neighbourhood, and what you tell me about your ideas, "
            "what you can offer and the activities you join.\n\n"
            "I never pass anything on to other people unless you ask me to. "
            "With {my_data} you see everything I keep, and {forget_me} erases it.\n\n"
            "Is that okay?"
        ).format(my_data=cmd("mijngegevens"), forget_me=cmd("vergeetmij")),
        _consent_choices(ctx),
    )


def _consent_choices(ctx: Context) -> list[Choice]:
    return [ctx.choice("yes", _("Yes, that's fine"), family="yes"), ctx.choice("no", _("No, rather not"), family="no")]


@flow.explain("consent")
def explain_consent(ctx: Context) -> str:
    return _("I'm asking whether I may keep what you tell me, so I can help you further: your language, your "
             "neighbourhood and your ideas. Nobody else sees it unless you ask me to, and you can erase it any time. "
             "You can also say no: then you can still use me to look around, for places and activities; I just "
             "won't keep your ideas.")


CONTENT_INTENTS = (intents.IDEA, intents.REPORT, intents.PERSONAL, intents.NEWCOMER, "offer", "places", "activities",
                   "who_to_ask")
_WIJK_NAMES: set[str] = set()
"""The folded names of the wijken, for the consent question's predicate (which sees only the text); filled when a
newcomer is welcomed or the consent question is asked."""


_TOWN_NAMES: set[str] = set()
"""The folded names of the gemeenten ("wageningen, near the campus" at the consent question names where one lives)."""


def _learn_wijk_names(ctx: Context) -> None:
    _WIJK_NAMES.update(fold(w.name) for w in ctx.content.wijken_sorted())
    _TOWN_NAMES.update(fold(g.name) for g in ctx.content.gemeenten.values())


CASE_ENDING = r"(?:'?(?:ta|te|da|de|dan|den|tan|ten|ya|ye|ie|u))?"
"""A case ending on a wijk's name: Turkish "presikhaafta", "De Nude'de"; Polish "w Presikhaafie"."""


def _name_pattern(name: str) -> re.Pattern[str]:
    """A wijk's folded name as a word, also with a case ending."""
    return re.compile(rf"(?<!\w){re.escape(name)}{CASE_ENDING}(?!\w)")


def _names(typed: str, name: str) -> bool:
    """Whether a folded text names a wijk by its folded name, also with a case ending."""
    return _name_pattern(name).search(typed) is not None


def _has_content(text: str) -> bool:
    """Typed at the consent question, not a yes or no: something to come back to ("de nude i think, near the
    campus", "ik wil een moestuin beginnen"); a question goes to the repair layer, a "maybe" gets the options."""
    if text.rstrip().endswith("?") or answers.family_of(text, "yes") or answers.family_of(text, "no"):
        return False
    typed = f" {fold(text)} "
    if any(_names(typed, name) for name in _WIJK_NAMES | _TOWN_NAMES) or re.search(r"\b\d{4}\s?[a-z]{2}\b", typed):
        return True
    if answers.in_other_letters(text, [answers.Option(n, n) for n in sorted(_WIJK_NAMES)]):
        return True  # a wijk's name in other letters ("пресікхааф")
    # a short reply ("ya sure", "ok doe maar") is an answer, not something to come back to
    return len(text.split()) >= 3 and intents.classify(text, intents.load()).intent in CONTENT_INTENTS


LIVING = frozenset(("ik", "woon", "wonen", "we", "wij", "in", "de", "het", "wijk", "buurt", "i", "live", "im", "the",
                    "neighbourhood", "neighborhood", "area", "uit", "from", "mijn", "my", "is", "oturuyorum",
                    "yasiyorum", "mahalle", "mahallesi", "mieszkam", "w", "na", "dzielnica", "живу", "в", "у", "район",
                    "اسكن", "ساكن", "في", "حي"))
"""The words around a wijk's name in a plain answer with it ("ik woon in presikhaaf", "i live in de nude")."""


def _plainly_named(ctx: Context, text: str) -> str | None:
    """The wijk a text names and says nothing else about (no hedge, no idea): "presikhaaf", "i live in de nude",
    "bloemenbuurt ede"; None for "de nude i think, near the campus" (asked at the wijk question)."""
    mention = _wijk_mentioned(ctx, text)
    if mention is None or mention[1] or text.rstrip().endswith("?"):
        return None
    wijk = ctx.content.wijken[mention[0]]
    if POSTCODE.match(text) or not fold(text).isascii():  # "6825 AB"; "пресікхааф": the text was the name itself
        return wijk.id
    rest, found = _name_pattern(fold(wijk.name)).subn(" ", fold(text), count=1)
    extra = set(rest.split()) - LIVING - {fold(g.name) for g in ctx.content.gemeenten.values()}
    return wijk.id if not extra and found else None


def _keep_for_later(ctx: Context, text: str, *, idea_only: bool = False) -> bool:
    """Something typed at a question of the onboarding that is no answer to it (an idea, at the consent or wijk
    question; at the consent question also a wijk): kept, and taken up after the questions. The step then says
    "I'll come back to that" and asks its question again. Not when /wijk is asked on its own (nothing follows)."""
    if ctx.data.get("single") or ctx.data.get("then"):
        return False
    if idea_only and _goes_on_with_idea(ctx, text):  # the idea told in two messages: one idea, kept whole
        said = list(ctx.data.get("said") or [])
        ctx.remember(said=[*said[:-1], f"{said[-1].rstrip()} {text.strip()}"])
        return True
    if not _has_content(text):
        return False
    if idea_only and (len(text.split()) < 3 or not _is_content(ctx, text)):
        return False
    _keep(ctx, text.strip())
    return True


def _keep_what_follows(ctx: Context, text: str) -> None:
    """"ok cool. also i have an idea, a repair cafe …" picked the wijk by its first words: an idea after them is kept,
    and taken up after the questions."""
    rest = re.split(r"[,.!;]", text, maxsplit=1)[1:]
    if rest and rest[0].strip():
        _keep_for_later(ctx, rest[0].strip(), idea_only=True)


def _is_content(ctx: Context, text: str) -> bool:
    return _meant(ctx, text) in CONTENT_INTENTS


CONTINUATION_WORDS = 4
"""Words of a message that goes on with the idea kept just before it ("Een koffieochtend in de recreatieruimte…")."""


def _goes_on_with_idea(ctx: Context, text: str) -> bool:
    """Typed at the wijk question right after an idea was kept there: more of the same idea, when it names no wijk,
    is no yes or no and is not an idea of its own."""
    said = list(ctx.data.get("said") or [])
    return bool(said) and len(text.split()) >= CONTINUATION_WORDS and _is_content(ctx, said[-1]) \
        and not _is_content(ctx, text) and _wijk_mentioned(ctx, text) is None \
        and not answers.family_of(text, "yes") and not answers.family_of(text, "no")


@flow.answer("consent", slot="consent", free_text=_has_content)
async def got_consent(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.TEXT and _has_content(msg.text):
        if not _keep_for_later(ctx, msg.text):  # asked for by a feature: no onboarding to come back after
            _keep(ctx, msg.text.strip())
        opening = re.split(r"[,.!;]", msg.text, maxsplit=1)[0]
        said = next((word for word in ("yes", "no") if answers.family_of(opening, word)), None)
        if said is not None:  # "ja, en ik wil een moestuin beginnen": the answer, and the rest for later
            await got_consent(ctx, replace(msg, kind=Kind.CHOICE, choice=said))
            return
        wijk_id = _plainly_named(ctx, msg.text)
        if wijk_id is not None:  # "presikhaaf", "i live in de nude": the wijk, taken once consent is answered
            ctx.remember(preset_wijk=wijk_id)
            ctx.reply(_("{wijk}, noted. First I need this one answer from you: is it okay that I keep what you tell "
                        "me, as described above?").format(wijk=ctx.content.wijken[wijk_id].name),
                      _consent_choices(ctx))
            return
        ctx.reply(_("I'll come back to that in a moment. First I need this one answer from you: is it okay that I "
                    "keep what you tell me, as described above?"),
                  _consent_choices(ctx))
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
        ctx.forget("first_text", "said")  # nothing they wrote is kept
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
    mention = next((m for text in _said(ctx) if (m := _wijk_mentioned(ctx, text)) is not None), None)
    guessed = _guessed_wijk(ctx) if mention is None else None
    named = mention[0] if mention else guessed
    wijken = sorted(ctx.content.wijken_sorted(), key=lambda w: named is None or w.id != named)
    options = [
        ctx.choice(w.id, _("Yes, {wijk}").format(wijk=w.name), family="yes") if w.id == named else
        ctx.choice(w.id, _("{wijk} ({gemeente})").format(wijk=w.name, gemeente=gemeenten[w.gemeente].name))
        for w in wijken
    ]
    options.append(ctx.choice("other", _("My neighbourhood is not listed")))
    if mention is not None and mention[1]:  # "i'm new in wageningen": the one wijk of that gemeente
        ctx.reply(_("You mentioned {place}. Do you live in {wijk}? Then choose it below; or choose another one, or "
                    "type your postcode.").format(place=mention[1], wijk=ctx.content.wijken[mention[0]].name),
                  options)
        return
    if guessed is not None:  # "wageningen, near the campus i think" → "Do you mean De Nude?", then something else
        ctx.reply(_("Do you live in {wijk}? Then choose it below; or choose another one, or type your postcode.")
                  .format(wijk=ctx.content.wijken[guessed].name), options)
        return
    if named is not None:  # "ik woon in presikhaaf denk ik", typed at an earlier question
        ctx.reply(_("You mentioned {wijk}. Is that your neighbourhood? Then choose it below; or choose another one, "
                    "or type your postcode.").format(wijk=ctx.content.wijken[named].name), options)
        return
    ctx.reply(_("Which neighbourhood do you live in? Pick it below, or type your postcode."), options)


def _guessed_wijk(ctx: Context) -> str | None:
    """The wijk of a "Do you mean …?" still open at this question (the resident typed something else in between)."""
    for option in answers.options_from_rows(ctx.conversation.choices):
        parsed = parse_step_choice(option.data) if option.family == "yes" else None
        if parsed is not None and parsed[:2] == ("onboarding", "wijk") and parsed[2] in ctx.content.wijken:
            return parsed[2]
    return None


@flow.explain("wijk")
def explain_wijk(ctx: Context) -> str:
    return _("I'm asking which neighbourhood you live in, so I can show you what is on near you and who can help "
             "there. Choose it below, or type your postcode (for example 6825 AB). Is yours not there? Choose "
             "\u201c{other}\u201d.").format(other=_("My neighbourhood is not listed"))


@flow.unmatched("wijk")
async def wijk_unmatched(ctx: Context, msg: Incoming) -> None:
    """Typed at the wijk question, naming none of the wijken: an idea is kept for after the questions; a name the
    content does not know ("benedenbuurt") is said kindly, with the postcode and "not listed" to go on."""
    text = msg.text.strip()
    if _keep_for_later(ctx, text, idea_only=True):
        ctx.reply(_("I'll come back to that in a moment. First I need to know where you live."))
    elif len(text) >= 4 and text.isalpha() and text.casefold() != text[:len(text) // 2].casefold() * 2:
        ctx.reply(_("I don't know the neighbourhood {name} yet, sorry. Type your postcode and I'll look it up, or "
                    "choose \u201c{other}\u201d.").format(name=text[:1].upper() + text[1:],
                                                    other=_("My neighbourhood is not listed")))
    else:
        ctx.reply(_("I don't know that neighbourhood yet, sorry. Type your postcode and I'll look it up, or choose "
                    "\u201c{other}\u201d.").format(other=_("My neighbourhood is not listed")))
    await ctx.ask_current()


def _said(ctx: Context) -> list[str]:
    """What a newcomer wrote before and during the onboarding questions, first message first."""
    first = str(ctx.data.get("first_text") or "")
    return [text for text in [first, *list(ctx.data.get("said") or [])] if text]


def _wijk_mentioned(ctx: Context, text: str) -> tuple[str, str] | None:
    """The one wijk a text names, by its name or a postcode in it, or else by the name of a gemeente that has only
    that wijk ("i'm new in wageningen"); with that gemeente's name ("" when the wijk itself was named)."""
    typed = f" {fold(text)} "
    named = {w.id for w in ctx.content.wijken_sorted() if _names(typed, fold(w.name))}
    for postcode in re.findall(r"\b(\d{4})\s?([a-z]{2})?\b", typed):
        wijk = ctx.content.wijk_for_postcode(" ".join(p for p in postcode if p).upper())
        if wijk is not None:
            named.add(wijk.id)
    if not named:  # a name in other letters ("пресікхааф"), as the wijk question reads it
        spelled = answers.in_other_letters(text, [answers.Option(w.id, w.name) for w in ctx.content.wijken_sorted()])
        named.update(spelled.picks if spelled else ())
    if named:
        return (next(iter(named)), "") if len(named) == 1 else None
    places = {}
    for gemeente in ctx.content.gemeenten.values():
        wijken = [w.id for w in ctx.content.wijken_sorted() if w.gemeente == gemeente.id]
        if f" {fold(gemeente.name)} " in typed and len(wijken) == 1:
            places[wijken[0]] = gemeente.name
    return next(iter(places.items())) if len(places) == 1 else None


@flow.answer("wijk", free_text=lambda text: bool(POSTCODE.match(text)), slot="wijk")
async def got_wijk(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.CHOICE and msg.text:
        _keep_what_follows(ctx, msg.text)
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
    written = _said(ctx)
    said = [text for text in written if not _only_hello(ctx, text)]
    ctx.end()
    ctx.user.onboarded = True
    if said and ctx.wijk is not None and ctx.has_consent() and ctx.registry.free_text is not None:
        await ctx.registry.free_text(ctx, said[0])
        return
    if any(_meant(ctx, text) == intents.HELP for text in written):  # "hallo, hoe werkt dit?"
        await how_it_works(ctx)
        return
    await show_menu(ctx, intro=True)


def _meant(ctx: Context, text: str) -> str:
    return intents.classify(text, intents.load(ctx.app.settings.content_dir)).intent


def _only_hello(ctx: Context, text: str) -> bool:
    """A first message that says hello, thanks, asks for help or for a language: nothing to take up."""
    meant = _meant(ctx, text)
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
    ctx.write_in(named[0])
    return _("Okay, from now on I will write in English.")


LANGUAGE_WORDS = {"english": "en", "engels": "en", "dutch": "nl", "nederlands": "nl", "hollands": "nl"}

