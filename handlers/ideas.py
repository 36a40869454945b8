"""/idee: an idea in your own words → how you picture it (the bot waits for the answer) → themes and
needs guessed from your words, to confirm → who you know → a first small step → a summary where you
choose the help you want: start yourself with neighbours, think it through with the connector, or
what only an organisation can give (then the wijk's rules first, and who looks after it later).

The idea row is saved after every answer, so "later verder" (a draft) and a
restart lose nothing; "mijn ideeën" lists them.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace

from bot.core.commands import cmd
from bot.core.conversation import NAMED, Context, Flow, row_id
from bot.core.events import Choice, Incoming, Kind
from bot.core.text import shorten
from bot.infra.crud import ideas as ideas_crud
from bot.infra.i18n import _, current_locale, ngettext
from bot.infra.models import Idea, IdeaStatus, Story
from bot.services import matching as matching_service
from bot.services import topics
from bot.services.followup import plan_checkins
from bot.services.ideas import NEEDS, THEMES, summary_card
from bot.understanding import answers, dialogue_acts, intents, routing
from bot.understanding.answer_words import FAMILIES
from bot.understanding.answers import Option
from bot.understanding.corrections import CorrectionWords, corrected_list, load_correction_words, values_in_order
from bot.understanding.dates import RELATIVE, WEEKDAYS
from bot.understanding.idea_words import load_idea_words
from bot.understanding.intents import CONTENT
from bot.understanding.people import (
    as_yours,
    helping,
    joining,
    knowing,
    names_people,
    needs_only,
    only_people,
    people_in,
    people_listed,
    removed,
    replaced,
    swapped,
)
from bot.understanding.phrases import fold
from bot.understanding.report_words import mentions_damage
from bot.understanding.stemming import stem, words_of
from handlers import handover, matching, mentors, personal
from handlers.menu import show_menu

flow = Flow("idea")

SUMMARY = "summary"


async def start(ctx: Context) -> None:
    """/idee: start a new idea (an open draft is offered first)."""
    assert ctx.user.id is not None
    draft = ideas_crud.latest_draft(ctx.session, user_id=ctx.user.id)
    if draft is not None:
        await ctx.start("idea", "resume_draft", draft=draft.id)
        return
    await _begin(ctx)


def _new_idea(ctx: Context) -> Idea:
    assert ctx.user.id is not None and ctx.user.wijk_id is not None
    idea = Idea(user_id=ctx.user.id, wijk_id=ctx.user.wijk_id, created_at=ctx.now, updated_at=ctx.now)
    ctx.session.add(idea)
    ctx.session.flush()
    return idea


async def _begin(ctx: Context) -> None:
    await ctx.start("idea", "text", idea=_new_idea(ctx).id)


async def start_with_text(ctx: Context, text: str) -> None:
    """An idea typed outside a question: it becomes the idea's text, not asked again."""
    if not ctx.has_consent() or ctx.wijk is None:
        await ctx.run_command("idee")
        return
    idea = _new_idea(ctx)
    ctx.conversation.flow, ctx.conversation.step, ctx.conversation.data = "idea", "text", {"idea": idea.id}
    await _take_text(ctx, text)


async def ask_if_idea(ctx: Context, text: str) -> None:
    """A text outside a question that names something for the neighbourhood but no wish ("a skatepark for the kids",
    "een bankje bij het park"): asked once, never taken as an idea unasked."""
    await ctx.start("idea", "maybe", said=text)


@flow.ask("maybe")
async def ask_maybe(ctx: Context) -> None:
    ctx.reply(_("Is “{text}” an idea for your neighbourhood?").format(text=shorten(str(ctx.data.get("said", "")))),
              [ctx.choice("yes", _("💡 Yes, it's an idea"), family="yes"), ctx.choice("no", _("No"), family="no")])


@flow.answer("maybe")
async def got_maybe(ctx: Context, msg: Incoming) -> None:
    said = str(ctx.data.get("said", ""))
    if msg.choice == "yes" and said:
        await start_with_text(ctx, said)
        return
    ctx.end()
    await show_menu(ctx)


async def resume(ctx: Context, idea_id: int) -> None:
    idea = ctx.session.get(Idea, idea_id)
    if idea is None or idea.user_id != ctx.user.id or idea.status != IdeaStatus.DRAFT:
        ctx.reply(_("I can't find that draft anymore."))
        return
    ctx.reply(_("Let's continue with your idea: \"{idea}\"").format(idea=shorten(idea.text)))
    step = idea.step if idea.step in flow.steps else SUMMARY
    await ctx.start("idea", step, idea=idea.id)


async def resume_latest(ctx: Context) -> None:
    """"Waar was ik gebleven?": on with the latest draft, or say that nothing is open."""
    assert ctx.user.id is not None
    draft = ideas_crud.latest_draft(ctx.session, user_id=ctx.user.id)
    if draft is None:
        ctx.reply(_("You have nothing open with me right now."))
        await show_menu(ctx)
        return
    await resume(ctx, draft.id or 0)


def current_idea(ctx: Context) -> Idea:
    idea = ctx.session.get(Idea, int(ctx.data["idea"]))
    if idea is None or idea.user_id != ctx.user.id:
        raise LookupError("idea of this conversation is gone")
    return idea


async def _next(ctx: Context, step: str, idea: Idea) -> None:
    """After an answer: back to the summary when editing, else on to the next question."""
    target = SUMMARY if ctx.data.get("editing") else step
    if target == "knows" and ctx.data.get("knows_early") and idea.knows:  # named before the question
        target = "first_step"
    if target == "first_step" and ctx.data.get("step_early") and idea.first_step:  # typed before the question
        await _after_first_step(ctx, idea)
        return
    idea.step = target
    idea.updated_at = ctx.now
    await ctx.goto(target)


async def on_cancel(ctx: Context) -> None:
    """'stop' during the conversation: keep what was said as a draft, say how to continue. An idea of which nothing
    was said yet is not kept; an older draft is offered instead ("nee stop, is zelfde idee")."""
    idea = ctx.session.get(Idea, int(ctx.data["idea"])) if "idea" in ctx.data else None
    assert ctx.user.id is not None
    if "said" in ctx.data:  # "laat maar" at "is that an idea?": nothing was kept
        ctx.end()
        ctx.reply(_("Okay, I stopped that. Type {cmd} to see what else I can do.").format(cmd=cmd("menu")))
        return
    if idea is not None and idea.user_id == ctx.user.id and idea.status != IdeaStatus.DRAFT:
        # under way already (the call or the last question after "I'll start myself"): it stays as it is
        ctx.end()
        ctx.reply(_("Good luck! Check {cmd} to see how it is going; I'll ask you in a while.")
                  .format(cmd=cmd("mijnideeen")))
        return
    older = ideas_crud.latest_draft(ctx.session, user_id=ctx.user.id) if idea is not None and not idea.text else None
    if idea is not None and not idea.text and older is None and idea.user_id == ctx.user.id:
        ctx.session.delete(idea)  # nothing was said of it yet: nothing to keep
        ctx.end()
        ctx.reply(_("Okay, I stopped that. Type {cmd} to see what else I can do.").format(cmd=cmd("menu")))
        return
    if idea is None or older is None or idea.user_id != ctx.user.id:
        ctx.reply(_("Okay, I stopped. I kept your idea as a draft: continue any time via {cmd}.")
                  .format(cmd=cmd("mijnideeen")))
        return
    ctx.session.delete(idea)
    ctx.session.flush()
    ctx.reply(_("Okay, I stopped this new one."))
    await ctx.start("idea", "resume_draft", draft=older.id)


flow.on_cancel = on_cancel


async def on_discard(ctx: Context) -> None:
    """"Gooi maar weg dat hele idee", "викинь це": the idea being made is thrown away, as the summary's "Throw away"
    does, and not offered again as a draft; at "shall we continue with your draft?" that draft, and a new idea
    begins. An idea under way already is not thrown away in passing: that is a stop (`on_cancel`)."""
    if "draft" in ctx.data and "idea" not in ctx.data:
        draft = ctx.session.get(Idea, int(ctx.data["draft"]))
        if draft is not None and draft.user_id == ctx.user.id and draft.status == IdeaStatus.DRAFT:
            ctx.session.delete(draft)
            ctx.session.flush()
        ctx.reply(_("Okay, I have thrown the idea away. Your next idea is very welcome!"))
        await _begin(ctx)
        return
    idea = ctx.session.get(Idea, int(ctx.data["idea"])) if "idea" in ctx.data else None
    if idea is None or idea.user_id != ctx.user.id or idea.status != IdeaStatus.DRAFT:
        await on_cancel(ctx)
        return
    ctx.session.delete(idea)
    ctx.end()
    ctx.reply(_("Okay, I have thrown the idea away. Your next idea is very welcome!"))
    await show_menu(ctx)


flow.on_discard = on_discard


# --- corrections typed at a later question ("nee geen sport, het gaat om duurzaamheid") -------------------------
@flow.answers_given
def given(ctx: Context) -> dict[str, str]:
    """The idea's answers in words so far ("mijn buurvrouw fatima"), for a correction that names only what it
    replaces."""
    idea = ctx.session.get(Idea, int(ctx.data["idea"])) if "idea" in ctx.data else None
    if idea is None or idea.user_id != ctx.user.id:
        return {}
    return {"text": idea.text, "picture": idea.picture, "has": idea.has, "knows": idea.knows,
            "first_step": idea.first_step}


@flow.correct("themes")
async def correct_themes(ctx: Context, text: str) -> str | None:
    if _needs_not_themes(ctx, text):  # "a place to meet and some flyers" at the guess of Meeting people
        return await correct_needs(ctx, text)
    changed = _corrected(ctx, text, "themes")
    return None if changed is None else _("Changed: the themes are now {themes}.").format(
        themes=_labels(THEMES, changed) or "—")


@flow.correct("needs")
async def correct_needs(ctx: Context, text: str) -> str | None:
    if _planned_on_a_day(ctx, text):  # "zaterdag ff met amir de plek checken": a first step, no place needed
        return _step_early(ctx, text)
    changed = _corrected(ctx, text, "needs")
    return None if changed is None else _("Changed: what you need is now {needs}.").format(
        needs=_labels(NEEDS, changed) or _("nothing yet"))


@flow.correct("first_step")
async def correct_first_step(ctx: Context, text: str) -> str | None:
    """A first step said before its question ("ik ga volgende week met de bibliotheek praten" at the themes): kept
    as the first step, not asked again; once asked, it is changed at the summary."""
    return _step_early(ctx, text)


@flow.correct("knows")
async def correct_knows(ctx: Context, text: str) -> str | None:
    """"Wait, not his dad, his mum": the one person swapped in the answer to "who do you know?"; any other change
    of it is typed again at its question."""
    if "idea" not in ctx.data:
        return None
    idea = current_idea(ctx)
    if answers.family_of(dialogue_acts.without_laughter(text), "nobody"):  # "nobody yet lol"
        idea.knows = ""
        _people_nearby(ctx, idea)
        return ""
    words = load_idea_words(ctx.app.settings.content_dir)
    named = people_in(idea.knows, words) if idea.knows else []
    gone = removed(named, text, words)
    if gone is not None:  # "wait, actually not joost"
        rest = [p for p in named if p != gone]
        idea.knows = ", ".join(rest)
        ctx.remember(**{NAMED: rest})
        if not rest:
            _people_nearby(ctx, idea)
            return ""
        return _("Changed: you will take {who} along.").format(who=_listed(_yours(rest)))
    relatives: list[str] = []

    def related(person: str, of: str) -> str:  # "actually not tom, his partner jess": "partner jess (via tom)"
        relatives.append(_("{person} (via {name})").format(person=person, name=of))
        return relatives[-1]

    changed = swapped(idea.knows, text, words, related) if idea.knows else None
    if changed is None and (instead := replaced(named, text, words)) is not None:  # "hayir pardon komsum fatma"
        changed = ", ".join(instead)
        ctx.remember(**{NAMED: instead})
    if changed is None:
        return _more_people(ctx, idea, text)
    idea.knows = changed
    named = _yours(relatives or people_in(changed, words))
    return _("Changed: you will take {who} along.").format(who=_listed(named) if named else changed)


def _more_people(ctx: Context, idea: Idea, text: str) -> str | None:
    """"Wacht, de heer Jansen van de overkant wil ook meedoen": added to the people already named. "Ik ken de heer
    Jansen, en mijn vrouw" before the question who they know: kept for it (that question is not asked again)."""
    words = load_idea_words(ctx.app.settings.content_dir)
    helper = helping(text, words)  # "mijn buurman piet kan helpen": before who you know, the answer to it
    who = joining(text, words) or (helper if idea.knows or not _before_knows(ctx) else "")
    if who:
        idea.knows = f"{idea.knows}, {who}" if idea.knows else who
        return _("Added: {who} joins in too.").format(who=as_yours(shorten(who, 60)))
    known = helper or knowing(text, words) or (only_people(text, words) if not idea.knows and _before_knows(ctx)
                                               else "")
    if not known:
        return None
    idea.knows = f"{idea.knows}, {known}" if idea.knows else known
    ctx.remember(knows_early=True)
    named = _yours(people_in(known, words))
    return _("Noted: you will take {who} along. I won't ask that again.").format(who=_listed(named))


def _step_as_typed(ctx: Context, text: str) -> str:
    """A first step as typed, without the doubt around it ("ilk adim? bilmiyorum, belki komsularla konusurum" is
    "komsularla konusurum"): what is kept and said back."""
    words = load_idea_words(ctx.app.settings.content_dir)
    not_knowing = dialogue_acts.load_lexicon(ctx.app.settings.content_dir).cues.openers.get("not_knowing")
    doubts = [" ".join(cue.words) for cue in not_knowing.cues] if not_knowing is not None else []
    return ctx.as_typed(words.without_doubt(text, doubts))


def _step_early(ctx: Context, text: str) -> str | None:
    """A first step typed before its question: kept as the first step, which is then not asked; None when the step
    is there already or was asked (then it is not taken as anything here)."""
    if "idea" not in ctx.data or ctx.was_asked("first_step"):
        return None
    idea = current_idea(ctx)
    if idea.first_step:
        return None
    idea.first_step = _step_as_typed(ctx, text)
    ctx.remember(step_early=True)
    return _("Noted as your first step: \u201c{step}\u201d. I won't ask that again.").format(
        step=shorten(idea.first_step, 80))


def _planned_on_a_day(ctx: Context, text: str) -> bool:
    """A text that names a day and more than needs ("zaterdag ff met amir de plek checken", "tomorrow look at the
    hall with sue"): something planned, which names a need word only as what it is about."""
    words = load_idea_words(ctx.app.settings.content_dir)
    folded = f" {fold(text)} "
    named_day = any(w in WEEKDAYS or w in RELATIVE for w in folded.split())
    # "zaterdag hebben we ook een zaal nodig" says a need
    return named_day and not words.says_needed(text) and not needs_only(text, words)


def _needs_not_themes(ctx: Context, text: str) -> bool:
    """The text names needs, and no theme but those the idea already has: what is needed, in words that also name
    a theme ("een ruimte om elkaar te ontmoeten"), not a change of the themes."""
    if "idea" not in ctx.data:
        return False
    words = load_idea_words(ctx.app.settings.content_dir)
    themes = values_in_order(text, words.themes_in, words.phrases, _ruling(ctx))
    return bool(values_in_order(text, words.needs_in, words.phrases, _ruling(ctx))) and all(
        value in current_idea(ctx).themes and not out for value, out in themes)


def _before_knows(ctx: Context) -> bool:
    """"Who do you know?" is still to come in this idea's questions."""
    return not ctx.was_asked("knows")


def _ruling(ctx: Context) -> CorrectionWords:
    """The words that rule a value out in a correction (content/correction_words.yaml)."""
    return load_correction_words(ctx.app.settings.content_dir)


def _corrected(ctx: Context, text: str, field: str) -> list[str] | None:
    """The idea's themes or needs after a correction in words, stored; None when the text names none (or no idea
    is open yet: at "shall we continue with your draft?")."""
    if "idea" not in ctx.data:
        return None
    idea = current_idea(ctx)
    words = load_idea_words(ctx.app.settings.content_dir)
    finder = words.themes_in if field == "themes" else words.needs_in
    changed = corrected_list(text, getattr(idea, field), finder, words.phrases, _ruling(ctx))
    named = values_in_order(text, finder, words.phrases, _ruling(ctx))
    if ctx.conversation.step == "confirm" and named and not any(out for _value, out in named):
        changed = [value for value, _out in named]  # at the guess, themes named are the themes: they replace it
    if changed is not None:
        setattr(idea, field, changed)
    return changed


@flow.correct("text")
async def correct_text(ctx: Context, text: str) -> str | None:
    """"Nee man, dat was een vraag": what was kept as the idea was a question; it is answered, and the idea asked
    for again. A correction that says what to change ("wacht, ik bedoel op het veldje achter de school") is added to
    the idea's words, nothing of them lost; a bare one ("o wacht, het idee klopt niet") goes back to its question."""
    lexicon = dialogue_acts.load_lexicon(ctx.app.settings.content_dir)
    if "idea" not in ctx.data:
        return None
    idea = current_idea(ctx)
    if not idea.text:
        return None
    if not lexicon.acts["previous"].found(fold(text)):
        detail = dialogue_acts.correction_detail(text, lexicon, "text")  # without "bij de eerste vraag", "het idee"
        if not detail:
            return None
        idea.text = f"{idea.text} ({detail})"  # "wacht, ik bedoel op het veldje achter de school": nothing lost
        return _("Added to your idea: “{detail}”.").format(detail=detail)
    question, idea.text = idea.text, ""
    idea.step = "text"
    ctx.conversation.step = "text"
    ctx.reply(_("Sorry, I took that as your idea!"))
    topic, _found = dialogue_acts.topic_of(question, lexicon)
    answer = ctx.registry.topics.get(topic) or ctx.registry.topics.get("other")
    if answer is not None:
        await answer(ctx, question)
    return ""


@flow.correct("has")
async def correct_has(ctx: Context, text: str) -> str | None:
    """"Wacht, bij wat ik heb moet ook nog de boormachine van mijn vader" at a later question: added to what the
    resident already has, also when that question was not asked (the picture question asks it too)."""
    if "idea" not in ctx.data:
        return None
    if _offers_help(ctx, text):  # "ben de yardim etmek istiyorum, yemek yapabilirim": an offer, not for this idea
        _offer_later(ctx)
        return ""
    lexicon = dialogue_acts.load_lexicon(ctx.app.settings.content_dir)
    lacked = dialogue_acts.lacking(text, lexicon)
    if lacked:  # "die tafels heb ik toch niet", "masalar bende yok, yanlış yazdım": taken off what they have
        idea = current_idea(ctx)
        idea.has = _without_things(idea.has or "", lacked)
        return _("Taken off what you already have: “{detail}”.").format(detail=lacked)
    detail = lexicon.idea_words.only_having(text) or dialogue_acts.correction_detail(text, lexicon, "has")
    if not detail:
        return None
    idea = current_idea(ctx)
    idea.has = f"{idea.has}, {detail}" if idea.has else detail
    return _("Added to what you already have: “{detail}”.").format(detail=detail)


def _without_things(has: str, lacked: str) -> str:
    """What the resident has without the parts that name a thing they lack ("tafels, een partytent" without
    "tafels" → "een partytent"), compared on stems ("tafel" is "tafels")."""
    gone = {stem(word) for word in words_of(lacked)}
    parts = [part.strip() for part in re.split(r",|;|\s(?:en|and|ve|i|і|та|و)\s", has) if part.strip()]
    return ", ".join(part for part in parts if not gone & {stem(word) for word in words_of(part)})


# --- a draft is waiting ---------------------------------------------------------------
@flow.ask("resume_draft")
async def ask_resume_draft(ctx: Context) -> None:
    draft = ctx.session.get(Idea, int(ctx.data["draft"]))
    text = shorten(draft.text) if draft else ""
    ctx.reply(
        _("You still have an idea in progress: \"{idea}\". Shall we continue with it?").format(idea=text),
        [ctx.choice("continue", _("Continue with it"), family="yes"), ctx.choice("new", _("Start a new idea"))],
    )


def _go_on(text: str) -> bool:
    """"doorgaan", "waar was ik", "go on" at "shall we continue with it?": yes, that draft."""
    lexicon = dialogue_acts.load_lexicon(CONTENT)
    typed = fold(text)
    return bool(lexicon.acts["resume"].found(typed)) or answers.family_of(text, "done")


@flow.answer("resume_draft", free_text=_go_on)
async def got_resume_draft(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.TEXT and _go_on(msg.text):
        await resume(ctx, int(ctx.data["draft"]))
        return
    if msg.kind is not Kind.CHOICE:
        await ctx.ask_current()
        return
    if msg.choice == "continue":
        await resume(ctx, int(ctx.data["draft"]))
    else:
        await _begin(ctx)


# --- 1. the idea in your own words ---------------------------------------------------
@flow.ask("text")
async def ask_text(ctx: Context) -> None:
    ctx.reply(
        _("How nice that you have an idea for the neighbourhood! Tell me in your own words: "
          "what would you like to get going?")
    )


@flow.answer("text", free_text=True, slot="text", small_talk=True)
async def got_text(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.TEXT:
        ctx.reply(_("Tell me a little more about it, a few words are enough."))
        return
    await _take_text(ctx, msg.text.strip())


async def _take_text(ctx: Context, text: str) -> None:
    lexicon = intents.load(ctx.app.settings.content_dir)
    result = intents.classify(text, lexicon)
    text = intents.idea_title(text, lexicon)  # "bro ik heb een idee voor een toernooi": the idea, not the "bro"
    meant = result.intent
    # at the idea question only a need in the first person ("ik voel me alleen") is personal, not a topic
    if meant in (intents.PERSONAL, intents.NEWCOMER) and meant in result.strong:
        idea = current_idea(ctx)
        if not idea.text:  # a new idea that was never one; an idea being edited stays a draft
            ctx.session.delete(idea)
        ctx.end()
        await personal.answer(ctx, newcomer=meant == intents.NEWCOMER, text=text)
        return
    if meant in (intents.HELP, intents.GREETING, intents.THANKS):
        ctx.reply(_("No problem, an idea can start very small! What would you like to see or do in your "
                    "street or neighbourhood? A few words are enough. Type \"stop\" if you'd rather not."))
        return
    if len(intents.normalise(text).split()) < 2:
        ctx.reply(_("Nice start! Could you tell me a bit more? What would you like to do, and with whom? "
                    "One sentence is enough."))
        return
    idea = current_idea(ctx)
    idea.text = ctx.as_typed(text)
    if meant == intents.REPORT and not ctx.data.get("report_seen"):
        idea.step = "report"
        await ctx.goto("report")
        return
    if mentions_damage(text) and not ctx.data.get("report_seen"):
        ctx.remember(report_seen=True)
        lead = _("By the way: the municipality repairs broken things fastest when you report them directly. Your "
                 "idea goes on as well.")
        ctx.reply(topics.report_where(ctx, lead=lead))
    await _next(ctx, "picture", idea)


# --- the melding detour -----------------------------------------------------------------
@flow.ask("report")
async def ask_report(ctx: Context) -> None:
    ctx.reply(topics.report_where(ctx))
    ctx.reply(
        _("Is there also an idea in it, something you would like to do with neighbours?"),
        [ctx.choice("idea", _("Yes, I also have an idea"), family="yes"),
         ctx.choice("done", _("No, that was all"), family="no")],
    )


@flow.answer("report")
async def got_report(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.CHOICE:
        await ctx.ask_current()
        return
    idea = current_idea(ctx)
    if msg.choice == "done":
        ctx.session.delete(idea)
        ctx.end()
        ctx.reply(_("Okay! If you get an idea later, just type {cmd}.").format(cmd=cmd("idee")))
        topics.reported(ctx)
        return
    ctx.remember(report_seen=True)
    ctx.reply(_("Great! Tell me about your idea: what would you like to do?"))
    idea.step = "text"
    ctx.conversation.step = "text"


# --- the resident's own words --------------------------------------------------------------------
FRAME_NEEDS = ("geld", "vergunning", "ruimte")


def _suggest(ctx: Context, idea: Idea) -> None:
    """Themes and needs from the resident's own words, for them to confirm."""
    words = load_idea_words(ctx.app.settings.content_dir)
    said = ctx.readable(f"{idea.text}. {idea.picture}")
    themes, needs = words.themes_in(said), words.wanted_in(said)
    dutch = "" if themes else routing.dutch_words(ctx.content, said, ctx.user.locale)
    if dutch:  # "розмовний клуб … пити чай": its
        themes = words.themes_in(dutch)  # dictionary's Dutch words ("koffie drinken") say what it is about
        needs = needs or words.wanted_in(dutch)
    idea.themes = list(dict.fromkeys([*idea.themes, *themes]))
    idea.needs = list(dict.fromkeys([*idea.needs, *needs]))
    if not idea.has:  # "ik heb zaden en gereedschap" is what is there already, not a need
        idea.has = words.has_in(said)


def _labels(options: Mapping[str, object], keys: list[str]) -> str:
    return ", ".join(str(options[k]) for k in keys if k in options)


# --- 2. how you picture it: the warm question waits for its answer -------------------------------
PRAISED = "_praised"
"""In the idea's conversation data: "What a lovely idea!" was said once already."""


@flow.ask("picture")
async def ask_picture(ctx: Context) -> None:
    question = _("How do you picture it? Tell me a bit more: what would it look like, and what do you "
                 "already have or can you do yourself?")
    lead = "" if ctx.data.get("editing") or ctx.data.get(PRAISED) else _("What a lovely idea!") + " "
    ctx.remember(**{PRAISED: True})  # asked again (after a digression, or the next day): the question alone
    ctx.reply(lead + question, [ctx.choice("skip", _("Just go on"), family="skip")])


@flow.explain("picture")
def explain_picture(ctx: Context) -> str:
    return _("I'd like to hear how you see it when it is happening: where and when, who is there, what it looks "
             "like. And what you already have or can do yourself, like a place, things or a skill. A few words are "
             "enough; you can also choose \u201c{skip}\u201d.").format(skip=_("Just go on"))


@flow.answer("picture", free_text=True, slot="picture", corrects=("text",))
async def got_picture(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    if msg.kind is Kind.CHOICE and msg.choice == "skip" and _hedged_picture(ctx, msg.text):
        msg = replace(msg, kind=Kind.TEXT, choice="")  # "speeltuin misschien? ik weet niet goed": a picture
    if msg.kind is Kind.TEXT:
        idea.picture = ctx.as_typed(msg.text.strip())
        if not ctx.data.get("editing"):
            ctx.reply(_("Thank you, I can picture it now."))
    if ctx.data.get("editing"):
        await _next(ctx, SUMMARY, idea)
        return
    _suggest(ctx, idea)
    await _next(ctx, "confirm" if idea.themes else "themes", idea)


def _hedged_picture(ctx: Context, text: str) -> bool:
    """A typed text read as "just go on" for its doubt ("ik weet niet goed") that still names what the idea is
    about, needs or has ("speeltuin misschien?", "a little garden maybe? not sure"): kept as the picture."""
    if not text.strip() or answers.family_of(text, "skip"):
        return False
    words = load_idea_words(ctx.app.settings.content_dir)
    return bool(words.themes_in(text) or words.needs_in(text) or words.has_in(text))


# --- 3. themes and needs, guessed from the words, confirmed with one answer -------------------------
@flow.ask("confirm")
async def ask_confirm(ctx: Context) -> None:
    idea = current_idea(ctx)
    lines = [_("I think it is about: {themes}.").format(themes=_labels(THEMES, idea.themes))]
    if idea.needs:
        lines.append(_("And you may need: {needs}.").format(needs=_labels(NEEDS, idea.needs)))
    lines.append(_("Is that right?"))
    ctx.reply(" ".join(lines), [ctx.choice("yes", _("Yes, that's right"), family="yes"),
                                ctx.choice("no", _("No, I'll choose"), family="no"), ctx.back_choice(_("⬅️ Back"))])


@flow.explain("confirm")
def explain_confirm(ctx: Context) -> str:
    return _("I guessed what your idea is about from your own words: it helps me find the right person for it. If "
             "it roughly fits, \u201c{yes}\u201d is fine; you can change it later. If not, choose \u201c{no}\u201d "
             "and pick the themes yourself.").format(yes=_("Yes, that's right"), no=_("No, I'll choose"))


def _guess_done(text: str) -> bool:
    """"klaar", "gotowe", "devam", "далі" at the guessed themes (no Done there): the guess is fine, go on."""
    return answers.family_of(text, "done")


@flow.answer("confirm", corrects=("themes", "needs", "text", "has"), free_text=_guess_done)
async def got_confirm(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    if msg.choice == "yes" or msg.kind is Kind.TEXT:
        _more_with_yes(ctx, idea, msg.text)
        # what is needed is one of the core questions: asked when nothing was guessed
        await _next(ctx, "knows" if idea.needs else "needs", idea)
    else:
        await _next(ctx, "themes", idea)


def _more_with_yes(ctx: Context, idea: Idea, text: str) -> None:
    """"ja klopt, en ook duurzaamheid eigenlijk": the yes, and the themes or needs it adds (said in one line)."""
    words = load_idea_words(ctx.app.settings.content_dir)
    themes = corrected_list(text, idea.themes, words.themes_in, words.phrases, _ruling(ctx)) if text else None
    if themes is not None and themes != idea.themes:
        idea.themes = themes
        ctx.reply(_("Changed: the themes are now {themes}.").format(themes=_labels(THEMES, themes) or "—"))
    needs = corrected_list(text, idea.needs, words.wanted_in, words.phrases, _ruling(ctx)) if text else None
    if needs is not None and needs != idea.needs:
        idea.needs = needs
        ctx.reply(_("Changed: what you need is now {needs}.").format(needs=_labels(NEEDS, needs) or _("nothing yet")))


def _names_needs(text: str) -> bool:
    """A typed text that names what is needed ("ik zoek nog een stukje grond"), not a question: at the needs
    question it ticks them, at the summary it corrects them."""
    return not text.rstrip().endswith("?") and bool(load_idea_words(CONTENT).needs_in(text))


@flow.ask("themes")
async def ask_themes(ctx: Context, *, in_place: bool = False) -> None:
    _ask_toggles(ctx, _("What is it mainly about? Pick one or more themes, then choose \"Done\"."), THEMES,
                 current_idea(ctx).themes, in_place=in_place)


@flow.answer("themes", multi=True, slot="themes")
async def got_theme(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    if await _toggle(ctx, msg, THEMES, idea, "themes", ask_themes):
        return
    if msg.choice == "done":
        if not idea.themes:
            ctx.reply(_("Pick at least one theme; \"Something else\" is fine too."))
            await ask_themes(ctx)
            return
        await _next(ctx, "needs", idea)
    else:
        await ask_themes(ctx)


def _ask_toggles(ctx: Context, text: str, options: Mapping[str, object], picked: list[str], *,
                 in_place: bool) -> None:
    """A multi-select question: each option toggles (✅), "Done" moves on; redrawn in place on Telegram."""
    choices = [ctx.choice(key, ("✅ " if key in picked else "") + str(label)) for key, label in options.items()]
    choices.append(ctx.choice("done", _("Done ➡️"), family="done"))
    ctx.reply(text, choices, replaces_prompt=in_place)


async def _toggle(ctx: Context, msg: Incoming, options: Mapping[str, object], idea: Idea, field: str,
                  ask: Callable[..., Awaitable[None]]) -> bool:
    """Handles a tap on one of the options (True), or leaves the answer to the caller (False)."""
    if msg.kind is not Kind.CHOICE or msg.choice not in options:
        return False
    setattr(idea, field, _toggled(getattr(idea, field), msg.choice))
    await ask(ctx, in_place=True)
    return True


def _toggled(values: list[str], value: str) -> list[str]:
    return [v for v in values if v != value] if value in values else [*values, value]


@flow.ask("needs")
async def ask_needs(ctx: Context, *, in_place: bool = False) -> None:
    _ask_toggles(ctx, _("What do you need to take this further? Pick everything that applies, then choose \"Done\"."),
                 NEEDS, current_idea(ctx).needs, in_place=in_place)


def _only_having(text: str) -> str:
    """What a text at the needs question says the resident has ("ik heb een schaakbord en veel geduld"); "" when it
    names a need ("de zaal heb ik al" unticks the room)."""
    return load_idea_words(CONTENT).only_having(text, not_needs=True)


@flow.answer("needs", multi=True, slot="needs", free_text=lambda text: _names_needs(text) or bool(_only_having(text)))
async def got_need(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    if await _toggle(ctx, msg, NEEDS, idea, "needs", ask_needs):
        return
    if msg.kind is Kind.TEXT and (having := _only_having(msg.text)):  # what is there already, not a need: on
        idea.has = f"{idea.has}, {having}" if idea.has else having
        ctx.reply(_("Added to what you already have: “{detail}”.").format(detail=having))
        await _next(ctx, "knows", idea)
        return
    if msg.kind is Kind.TEXT:  # "ik zoek nog een stukje grond": ticks the room; "de zaal heb ik al" unticks it
        words = load_idea_words(ctx.app.settings.content_dir)
        changed = corrected_list(msg.text, idea.needs, words.needs_in, words.phrases, _ruling(ctx))
        if changed is not None:
            idea.needs = changed
        await ask_needs(ctx)
        return
    if msg.choice == "done":
        await _next(ctx, "knows", idea)
    else:
        await ask_needs(ctx)


# --- 3b. what is already there (reached from "change something") ----------------------------------
@flow.ask("has")
async def ask_has(ctx: Context) -> None:
    ctx.reply(
        _("What do you already have, or what can you do yourself? Think of your skills, time, "
          "things, a place, people around you. \"Nothing yet\" is fine too."),
        [ctx.choice("nothing", _("Nothing yet"), family="nothing"), ctx.back_choice(_("⬅️ Back"))],
    )


@flow.answer("has", free_text=True, slot="has")
async def got_has(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    nothing = msg.kind is Kind.CHOICE and msg.choice == "nothing"
    idea.has = "" if nothing else ctx.as_typed(msg.text.strip())
    await _next(ctx, "knows", idea)


# --- 4. who you know: reflected back; "nobody yet" gets concrete people --------------------------------
@flow.ask("knows")
async def ask_knows(ctx: Context) -> None:
    ctx.reply(
        _("Who do you know who could join in? A neighbour, a friend, a club, someone at school… "
          "\"Nobody yet\" is fine too: then I'll think along with you."),
        [ctx.choice("nobody", _("Nobody yet"), family="nobody"), ctx.back_choice(_("⬅️ Back"))],
    )


@flow.explain("knows")
def explain_knows(ctx: Context) -> str:
    return _("I'm asking whether you already know someone who would like to join in or help: a neighbour, a friend, "
             "family, a club or a school. Then you're not doing it alone. Don't know anyone yet? Choose "
             "\u201c{nobody}\u201d and I'll think along with you.").format(nobody=_("Nobody yet"))


@flow.answer("knows", free_text=True, slot="knows")
async def got_knows(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    nobody = msg.kind is Kind.CHOICE and msg.choice == "nobody"
    if msg.kind is Kind.TEXT and _needs_not_people(ctx, msg.text):  # "we need a room and some volunteers"
        await _needs_instead(ctx, idea, msg.text)
        return
    if msg.kind is Kind.TEXT and not names_people(msg.text, load_idea_words(ctx.app.settings.content_dir)) \
            and len(msg.text.split()) >= PLAN_WORDS and not answers.family_inside(msg.text, "nobody"):
        await _plan_to_find_people(ctx, idea, _step_as_typed(ctx, msg.text))
        return
    idea.knows = "" if nobody else ctx.as_typed(msg.text.strip())
    people = people_in(idea.knows, load_idea_words(ctx.app.settings.content_dir))
    ctx.remember(**{NAMED: people})
    if nobody:
        _people_nearby(ctx, idea)
    else:
        named = _yours(people)
        if len(named) > 1:  # "сусід андрій і його син": said back as the two people they are
            ctx.reply(ngettext("Lovely! Take {who} along in the conversation ({n} person): together you get further.",
                               "Lovely! Take {who} along in the conversation ({n} people): together you get further.",
                               len(named)).format(n=len(named), who=_listed(named)))
        elif named:
            ctx.reply(_("Lovely! Take {who} along in the conversation: together you get further.").format(
                who=_listed(named)))
        else:
            ctx.reply(_("Lovely! Take them along in the conversation: together you get further."))
    await _next(ctx, "first_step", idea)


PLAN_WORDS = 3
"""An answer to "who do you know?" of at least this many words that names no person or group is a plan to find
people ("eerst aan de koffietafel vragen wie er mee wil doen"); a shorter one may be a name."""


async def _plan_to_find_people(ctx: Context, idea: Idea, plan: str) -> None:
    """A plan to find people, no people yet: a fine plan, kept as the first step (that question is not asked)."""
    idea.knows = ""
    if ctx.data.get("editing"):
        ctx.reply(_("That is a good plan! I have noted: nobody yet."))
        await _next(ctx, SUMMARY, idea)
        return
    idea.first_step = plan
    ctx.reply(_("That is a good plan! For now I note: nobody yet, and your plan as the first step: \"{plan}\"")
              .format(plan=shorten(plan, 120)))
    await _after_first_step(ctx, idea)


async def _needs_instead(ctx: Context, idea: Idea, text: str) -> None:
    """What is needed, typed where another question is open: the needs change, then that question again."""
    words = load_idea_words(ctx.app.settings.content_dir)
    idea.needs = corrected_list(text, idea.needs, words.wanted_in, words.phrases, _ruling(ctx)) or idea.needs
    ctx.reply(_("Changed: what you need is now {needs}.").format(needs=_labels(NEEDS, idea.needs)))
    await ctx.ask_current()


def _needs_not_people(ctx: Context, text: str) -> bool:
    """An answer to "who do you know?" that says what is needed and names nobody ("we need a room", or only needs:
    "geld en vrijwilligers"): a correction of the needs."""
    words = load_idea_words(ctx.app.settings.content_dir)
    folded = f" {fold(text)} "
    return bool(words.wanted_in(text)) and not any(f" {fold(p)} " in folded for p in words.people) \
        and (words.says_needed(text) or needs_only(text, words))


def _yours(people: list[str]) -> list[str]:
    """People as said back to the resident: short, and "my" as "your" ("je buurman gerrit")."""
    return [as_yours(shorten(p, 60)) for p in people]


def _listed(names: list[str]) -> str:
    """'a, b and c' in the resident's language."""
    if len(names) == 1:
        return names[0]
    return _("{people} and {last}").format(people=", ".join(names[:-1]), last=names[-1])


def _people_nearby(ctx: Context, idea: Idea) -> None:
    """'Nobody yet': name the wijk's connector, and how many neighbours offered a fitting gift."""
    connector = ctx.content.fallback_contact(idea.wijk_id)
    lines = [_("Then let's find people. {name} ({organisation}) knows the neighbourhood and its people, and can "
               "introduce you to neighbours.").format(name=connector.name, organisation=connector.organisation_label())]
    found = matching_service.ranked_neighbours(ctx.session, ctx.app, idea)
    if found:
        lines.append(ngettext(
            "{n} neighbour offered a gift that fits your idea; after the summary I can ask them for you.",
            "{n} neighbours offered gifts that fit your idea; after the summary I can ask them for you.",
            len(found)).format(n=len(found)))
    ctx.reply(" ".join(lines))


# --- 5. a first small step ------------------------------------------------------------------------------
@flow.ask("first_step")
async def ask_first_step(ctx: Context) -> None:
    ctx.reply(
        _("What is a first small step, and roughly when? For example: \"on Saturday, look at the spot with "
          "Henk\"."),
        [ctx.choice("skip", _("I don't know yet"), family="skip"), ctx.back_choice(_("⬅️ Back"))],
    )


@flow.explain("first_step")
def explain_first_step(ctx: Context) -> str:
    return _("A first step is something small you can do yourself soon to get going: talk to a neighbour about it, go "
             "and look at the spot, or pick a date. It doesn't have to be big; I'll ask you later how it went.")


@flow.answer("first_step", free_text=True, slot="first_step")
async def got_first_step(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    words = load_idea_words(ctx.app.settings.content_dir)
    if msg.kind is Kind.TEXT and needs_only(msg.text, words):
        await _needs_instead(ctx, idea, msg.text)  # "a room mostly": what is needed, not a step
        return
    if msg.kind is Kind.TEXT and (people := people_listed(msg.text, words)):  # "mijn buurman gerrit en zijn vrouw"
        idea.knows = f"{idea.knows}, {people}" if idea.knows else people
        ctx.reply(_("Changed: you will take {who} along.").format(who=_listed(_yours(people_in(idea.knows, words)))))
        await ask_first_step(ctx)
        return
    if msg.kind is Kind.TEXT and _offers_help(ctx, msg.text):  # "хочу допомогти, я вмію шити": no step, an offer
        _offer_later(ctx)
        await ask_first_step(ctx)
        return
    done = msg.kind is Kind.TEXT and answers.family_of(msg.text, "done")  # "klaar" is no step
    idea.first_step = _step_as_typed(ctx, msg.text) if msg.kind is Kind.TEXT and not done else ""
    if idea.first_step and not ctx.data.get("editing"):
        ctx.reply(_("Good, small steps make big things. I'll ask you about it later."))
    await _after_first_step(ctx, idea)


async def _after_first_step(ctx: Context, idea: Idea) -> None:
    """On from the first step: an example nearby when there is one, else the summary."""
    story = None if ctx.data.get("editing") or ctx.data.get("mentor_offered") else \
        mentors.similar_story(ctx.session, idea)
    if story is not None:
        ctx.remember(mentor_offered=True, story=story.id)
        await _next(ctx, "mentor", idea)
        return
    await _next(ctx, SUMMARY, idea)


# --- an example nearby: someone who did something like it -----------------------------------------
@flow.ask("mentor")
async def ask_mentor(ctx: Context) -> None:
    story = ctx.session.get(Story, int(ctx.data["story"]))
    if story is None:
        await _next(ctx, SUMMARY, current_idea(ctx))
        return
    ctx.reply(mentors.offer_text(ctx, story), [ctx.choice("yes", _("Yes, I'd like that"), family="yes"),
                                                ctx.choice("no", _("No, thanks"), family="no")])


@flow.answer("mentor")
async def got_mentor(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    story = ctx.session.get(Story, int(ctx.data["story"]))
    if msg.choice == "yes" and story is not None:
        mentors.introduce(ctx, idea, story)
    await _next(ctx, SUMMARY, idea)


# --- 6. the summary: the resident chooses the kind of help ---------------------------------------------


@flow.ask(SUMMARY)
async def ask_summary(ctx: Context) -> None:
    idea = current_idea(ctx)
    ctx.forget("editing")
    if idea.status == IdeaStatus.CONFIRMED:  # back here from the next step: nothing chosen yet, still a draft
        idea.status, idea.help_kind = IdeaStatus.DRAFT, ""
    ctx.reply(
        _("This is your idea as I understood it:") + "\n\n" + summary_card(idea) + "\n\n"
        + _("It is your idea. What help would you like?"),
        [
            ctx.choice("self", _("🙋 I'll start myself, with neighbours"), family="self"),
            ctx.choice("connector", _("🤝 Think it through with the connector"), family="connector"),
            ctx.choice("organisation", _("🏛️ Something from an organisation"), family="organisation"),
            ctx.choice("edit", _("✏️ Change something"), family="change"),
            ctx.choice("draft", _("💾 Continue later"), family="later"),
            ctx.choice("cancel", _("🗑️ Throw away"), family="discard"),
        ],
    )


def _summary_text(text: str) -> bool:
    """At the summary, typed text the step reads itself: a need (a correction of what is needed), or a yes where
    the options are kinds of help ("ja stuur maar": which one?); not when it names the connector by the word of its
    option ("ja verbinder is goed, helpen mij" is that option, not a need for helping hands)."""
    if answers.resolve_in_words(text, [Option("connector", _("🤝 Think it through with the connector"))]).picks:
        return False
    words = load_idea_words(CONTENT)
    if joining(text, words):  # "de heer Jansen wil ook meedoen": the people, not a need
        return False
    return words.plans(text) or _names_needs(text) or _leading_yes(text) or bool(words.missing_in(text))


def _leading_yes(text: str) -> bool:
    """"ja stuur maar", "yes please", "ok doe maar": a short message that opens with a yes."""
    words = text.split()
    return bool(words) and len(words) <= 5 and not text.rstrip().endswith("?") \
        and (answers.family_of(text, "yes") or answers.family_of(words[0].strip(",.!"), "yes"))


@flow.answer(SUMMARY, corrects=("text", "picture", "themes", "has", "knows", "needs", "first_step"),
             free_text=_summary_text)
async def got_summary(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    choice: str | None = msg.choice
    if msg.kind is Kind.TEXT:
        choice = await _typed_at_summary(ctx, idea, msg.text)
    if choice is None:
        return
    if choice in ("self", "connector", "organisation"):
        idea.status = IdeaStatus.CONFIRMED
        idea.help_kind = choice
        idea.step = None
        idea.updated_at = ctx.now
        if choice == "self":
            await ctx.goto("call")
        elif choice == "connector":
            await handover.offer_connector(ctx, idea)
        elif set(idea.needs) & set(FRAME_NEEDS):
            await ctx.goto("beheer")
        else:
            await handover.offer_contacts(ctx, idea)
    elif choice == "edit":
        await ctx.goto("edit")
    elif choice == "draft":
        idea.step = SUMMARY
        ctx.end()
        ctx.reply(_("Saved! You can pick up your idea any time via {cmd}.").format(cmd=cmd("mijnideeen")))
    elif choice == "cancel":
        ctx.session.delete(idea)
        ctx.end()
        ctx.reply(_("Okay, I have thrown the idea away. Your next idea is very welcome!"))
        await show_menu(ctx)


async def _typed_at_summary(ctx: Context, idea: Idea, text: str) -> str | None:
    """Text the summary reads itself: a plan of the resident's own ("ik zal volgende week met de beheerder spreken")
    is starting yourself with that plan as the first step (the option's value); a need changes what is needed, a
    yes asks which help; then the question again (None)."""
    words = load_idea_words(ctx.app.settings.content_dir)
    if words.plans(text) and _only_starting_yourself(text):  # "sam zaczne z sasiadami": that option, no plan
        return "self"
    if words.plans(text):
        plan = _step_as_typed(ctx, text)
        idea.first_step = f"{idea.first_step}; {plan}" if idea.first_step else plan
        ctx.reply(_("Good plan! I have noted it as your first step: \"{plan}\". So you start yourself, with "
                    "neighbours.").format(plan=shorten(plan, 120)))
        return "self"
    if _has_but_misses(ctx, idea, text):
        await ctx.ask_current()
        return None
    changed = corrected_list(text, idea.needs, words.needs_in, words.phrases, _ruling(ctx))
    if changed is not None and changed != idea.needs:  # "een stukje grond en iemand die er verstand van heeft"
        idea.needs = changed
        ctx.reply(_("Changed: what you need is now {needs}.").format(needs=_labels(NEEDS, changed) or _("nothing yet")))
    elif _leading_yes(text):  # a yes to a question that is not yes or no: one short question
        ctx.reply(_("Happy to! Which help do you mean: start yourself with neighbours, think it through with the "
                    "connector, or something from an organisation?"),
                  [ctx.choice("self", _("🙋 I'll start myself, with neighbours"), family="self"),
                   ctx.choice("connector", _("🤝 Think it through with the connector"), family="connector"),
                   ctx.choice("organisation", _("🏛️ Something from an organisation"), family="organisation")])
        return None
    await ctx.ask_current()
    return None


PLAN_BEYOND_OPTION = 2
"""A plan typed at the summary that says at most this many words besides the words of starting yourself with
neighbours ("sam zaczne z sasiadami": "zaczne") is that option; a longer one has a step of its own ("ik ga zelf met de
buren praten volgende week")."""


def _only_starting_yourself(text: str) -> bool:
    """Whether a plan typed at the summary says only that the resident starts themselves with neighbours."""
    folded = f" {fold(text)} "
    for phrase in sorted({fold(p) for ps in FAMILIES["self"].values() for p in ps}, key=len, reverse=True):
        folded = folded.replace(f" {phrase} ", " ")
    return len(folded.split()) <= PLAN_BEYOND_OPTION


THINGS = "spullen"
"""The need of something missing that names no need ("kale yok": a goal): things and materials."""


def _has_but_misses(ctx: Context, idea: Idea, text: str) -> bool:
    """"Toplarım var ama kale yok", "ballen heb ik, maar geen doel": what is had goes to what the resident has, what
    is missing to what is needed (its need, else things), said back in their words; False when the text says no
    such thing."""
    words = load_idea_words(ctx.app.settings.content_dir)
    missing = words.missing_in(text)
    if not missing:
        return False
    had = ctx.as_typed(words.has_in(text))
    idea.has = f"{idea.has}, {had}" if idea.has else had
    needed = [need for part in missing for need in (words.needs_in(part) or [THINGS])]
    idea.needs = [*idea.needs, *(need for need in dict.fromkeys(needed) if need not in idea.needs)]
    ctx.reply(_("Noted: you already have \u201c{has}\u201d; still needed: \u201c{missing}\u201d ({needs}).").format(
        has=shorten(had, 80), missing=shorten(ctx.as_typed(", ".join(missing)), 80),
        needs=_labels(NEEDS, list(dict.fromkeys(needed)))))
    return True


# --- 7a. do it yourself: a call to neighbours ----------------------------------------------------------
@flow.ask("call")
async def ask_call(ctx: Context) -> None:
    ctx.reply(
        _("Great, you are the maker! Shall we invite neighbours to join in? Write your call in one sentence: "
          "what, when, and what is needed. For example: \"Who joins in? Saturday we fill the planters; "
          "needed: hands and a wheelbarrow.\"") + "\n"
        + _("Who sees it: nobody yet. I only show it to neighbours who offered help that fits, after you have "
            "approved the exact words, and never with your name."),
        [ctx.choice("skip", _("Not now"), family="later"), ctx.back_choice(_("⬅️ Back"))],
    )


@flow.answer("call", free_text=True, slot="call", relay=True)
async def got_call(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    idea.call = ""
    if msg.kind is Kind.TEXT:
        idea.call = ctx.as_typed(msg.text.strip())
        words = load_idea_words(ctx.app.settings.content_dir)
        idea.needs = list(dict.fromkeys([*idea.needs, *words.wanted_in(idea.call)]))
    plan_checkins(ctx, idea)
    if idea.call:
        if matching_service.ranked_neighbours(ctx.session, ctx.app, idea):
            matching.suggest(ctx, idea)
        else:
            connector = ctx.content.fallback_contact(idea.wijk_id)
            ctx.reply(_("I don't know neighbours yet who offered this. {name} knows many people in the "
                        "neighbourhood and can think along with you.").format(name=connector.name),
                      [Context.action("idea", "connector", idea.id, label=_("🤝 Think it through with the connector"))])
    ctx.reply(_("Want it on the neighbourhood agenda too? Then neighbours can sign up. Type {cmd}.")
              .format(cmd=cmd("voorstel")),
              [Context.command("voorstel", _("🗓️ Put it on the agenda"))])
    await ctx.goto("appreciate")


# --- 7b. something only an organisation can give: the wijk's rules first, and who looks after it -------
@flow.ask("beheer")
async def ask_beheer(ctx: Context) -> None:
    idea = current_idea(ctx)
    frame = ctx.content.wijk(idea.wijk_id).frame
    if frame is not None:
        locale = current_locale()
        parts = []
        if "geld" in idea.needs:
            parts.append(frame.budget)
        if "vergunning" in idea.needs or "ruimte" in idea.needs:
            parts.append(frame.permit)
        parts.append(frame.fixed)
        lines = [_("Good to know how it works here:")]
        for part in parts:
            lines.append("• " + part.text.get(locale) + (" " + _("(example, not checked yet)") if part.example else ""))
        ctx.reply("\n".join(lines))
    ctx.reply(
        _("One more question before I name people: who will look after it later, once it exists? "
          "For example the neighbours together, the municipality or the housing corporation."),
        [ctx.choice("skip", _("I don't know yet"), family="skip"), ctx.back_choice(_("⬅️ Back"))],
    )


@flow.answer("beheer", free_text=True, slot="beheer")
async def got_beheer(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    idea.beheer = ctx.as_typed(msg.text.strip()) if msg.kind is Kind.TEXT else ""
    await handover.offer_contacts(ctx, idea)


# --- the appreciative question: when was the neighbourhood at its best? ---------------------------------
@flow.ask("appreciate")
async def ask_appreciate(ctx: Context) -> None:
    ctx.reply(_("One last question, only if you like: when was your neighbourhood at its best? "
                "A moment you still like to think of."), [ctx.choice("skip", _("Skip"), family="skip")])


def _offers_help(ctx: Context, text: str) -> bool:
    """"I'd love to help in the neighbourhood too, I can fix bikes": the resident offers help (a strong phrase of the
    offer intent, content/intents.yaml), which is no answer to a question about their idea."""
    return not text.rstrip().endswith(("?", "؟")) \
        and "offer" in intents.classify(text, intents.load(ctx.app.settings.content_dir)).strong


def _offer_later(ctx: Context) -> None:
    ctx.reply(_("Nice that you want to help in the neighbourhood too! Type {cmd} once we are done here, and tell me "
                "what you can offer.").format(cmd=cmd("aanbod")))


@flow.answer("appreciate", free_text=True, slot="appreciation")
async def got_appreciate(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    ctx.end()
    offer = msg.kind is Kind.TEXT and _offers_help(ctx, msg.text)  # no memory: what they offer, asked next
    if msg.kind is Kind.TEXT and not offer:
        idea.appreciation = ctx.as_typed(msg.text.strip())
        ctx.reply(_("What a beautiful memory. That is what your idea builds on."))
    if idea.first_step:
        ctx.reply(_("Good luck! Check {cmd} to see how it is going; I'll ask you about your first step.")
                  .format(cmd=cmd("mijnideeen")))
    else:
        ctx.reply(_("Good luck! Check {cmd} to see how it is going; I'll ask you in a while.")
                  .format(cmd=cmd("mijnideeen")))
    if offer:
        from handlers import offers  # the offer flow, as from the menu ("ik wil helpen, ik kan koken")

        await offers.start(ctx, msg.text)


@flow.ask("edit")
async def ask_edit(ctx: Context) -> None:
    ctx.reply(
        _("What would you like to change?"),
        [
            ctx.choice("text", _("The idea itself")),
            ctx.choice("picture", _("How it could look")),
            ctx.choice("themes", _("Themes")),
            ctx.choice("has", _("What you already have")),
            ctx.choice("knows", _("Who you know")),
            ctx.choice("needs", _("What you need")),
            ctx.choice("first_step", _("The first step")),
            ctx.back_choice(_("⬅️ Back")),
        ],
    )


@flow.answer("edit")
async def got_edit(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.CHOICE or msg.choice not in ("text", "picture", "themes", "has", "knows", "needs",
                                                          "first_step"):
        await ctx.ask_current()
        return
    ctx.remember(editing=True)
    await ctx.goto(msg.choice)


# --- mijn ideeën ----------------------------------------------------------------------------------
async def my_ideas(ctx: Context) -> None:
    assert ctx.user.id is not None
    ideas = ideas_crud.of_user(ctx.session, user_id=ctx.user.id)
    if not ideas:
        ctx.reply(_("You have no ideas yet. Type {cmd} to share one!").format(cmd=cmd("idee")),
                  [Context.command("idee", _("💡 I have an idea"))])
        return
    lines = [_("Your ideas:")]
    choices: list[Choice] = []
    for number, idea in enumerate(ideas, start=1):
        title = shorten(idea.text) or _("(no text yet)")
        lines.append(f"\n{number}. {title}")
        lines.append("   " + handover.status_line(ctx, idea))
        if idea.status == IdeaStatus.DRAFT:
            choices.append(Context.action("idea", "resume", idea.id, label=_("Continue idea {n}").format(n=number)))
        elif idea.status == IdeaStatus.CONFIRMED:
            choices.append(Context.action("idea", "connector", idea.id,
                                          label=_("🤝 Think idea {n} through with the connector").format(n=number)))
    if any(idea.status == IdeaStatus.DRAFT for idea in ideas):  # "is er al iets gebeurd met mijn idee?"
        lines.append("\n" + _("A draft stays with me: nobody has seen it yet. Continue it, and at the end you choose "
                              "who may help; only then does it go to anyone."))
    ctx.reply("\n".join(lines), choices)


async def idea_action(ctx: Context, args: list[str]) -> None:
    """Buttons outside the conversation: `!idea:resume:<id>`."""
    if len(args) == 2 and args[0] == "resume" and (idea_id := row_id(args[1])) is not None:
        await resume(ctx, idea_id)
    elif len(args) == 2 and args[0] == "connector" and (idea := ctx.row(Idea, args[1])) is not None:
        if idea.user_id != ctx.user.id or idea.status in (IdeaStatus.DRAFT, IdeaStatus.CANCELLED):
            ctx.reply(_("Sorry, that is not something you can do."))
            return
        await handover.offer_connector(ctx, idea)
    else:
        ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))
