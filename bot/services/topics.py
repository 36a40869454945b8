"""Answers to the questions residents ask between the questions, one function per topic (the repair layer's hook).

bot/understanding/dialogue_acts.py decides that a message is a question and what it is about; the dispatcher's
repair layer (bot/repair.py) calls `TOPICS[topic](ctx, text)` and then asks the interrupted question again. These
are honest first versions: what the bot knows for certain (content, the resident's own rows, the privacy facts of
the code), and otherwise the person of the wijk who knows. Improve an answer here; the dispatcher need not change.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.core.commands import cmd
from bot.core.conversation import FOLLOW_UP, Context
from bot.infra import yamlfile
from bot.infra.content import Contact, ContentError, Place, RegularActivity
from bot.infra.crud import activities as activities_crud
from bot.infra.i18n import LANGUAGE_NAMES, LOCALES, _, current_locale, format_datetime, format_number, ngettext
from bot.services.contacts import channel_lines
from bot.services.whats_on import place_name, regular_lines, regular_meant, regular_named, walk_in_text
from bot.understanding import routing
from bot.understanding.phrases import Phrases, fold

TopicAnswer = Callable[[Context, str], Awaitable[None]]
WEEK = timedelta(days=7)
SHOWN = 5
INDOORS = ("buurthuis", "bibliotheek", "school")
"""Place kinds with rooms to meet in."""
TOPIC_WORDS = "topic_words.yaml"


class _TopicWordsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rooms: list[str] = Field(min_length=1)
    messages: list[str] = Field(min_length=1)
    free: list[str] = Field(min_length=1)
    audiences: list[str] = Field(min_length=1)
    counting: list[str] = Field(min_length=1)
    offers: list[str] = Field(min_length=1)
    reports: list[str] = Field(min_length=1)
    pass_on: list[str] = Field(min_length=1)
    activities: list[str] = Field(min_length=1)
    connectors: list[str] = Field(min_length=1)
    calls: list[str] = Field(min_length=1)
    differences: list[str] = Field(min_length=1)
    in_language: list[str] = Field(min_length=1)
    the_bot: list[str] = Field(min_length=1)


@dataclass(frozen=True)
class TopicWords:
    """The word lists of content/topic_words.yaml, compiled (what each is for is said in that file)."""

    rooms: Phrases
    messages: Phrases
    free: Phrases
    audiences: Phrases
    counting: Phrases
    offers: Phrases
    reports: Phrases
    pass_on: Phrases
    activities: Phrases
    connectors: Phrases
    calls: Phrases
    differences: Phrases
    in_language: Phrases
    the_bot: Phrases


@lru_cache(maxsize=4)
def load_topic_words(content_dir: Path) -> TopicWords:
    """content/topic_words.yaml; a missing or malformed file raises ContentError at start-up."""
    try:
        parsed = _TopicWordsFile.model_validate(
            yamlfile.load((content_dir / TOPIC_WORDS).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ContentError(f"{TOPIC_WORDS}: {exc}") from exc
    return TopicWords(**{name: Phrases.of(getattr(parsed, name)) for name in _TopicWordsFile.model_fields})


def _words(ctx: Context) -> TopicWords:
    return load_topic_words(ctx.app.settings.content_dir)


def _reach(contact: Contact) -> str:
    """Who a contact is, in one line, with the first way to reach them."""
    channel = next(iter(contact.channels), None)
    how = f" — {channel.value}" + (" " + _("(example, not a real address yet)") if channel.example else "") \
        if channel is not None else ""
    return f"👤 {contact.name} ({contact.organisation_label()}){how}"


async def own_things(ctx: Context, text: str) -> None:
    """"Heeft er al iemand gereageerd op mijn aanbod?", "what happened to my idea?": the resident's own rows, as the
    matching overview shows them."""
    folded, words = fold(text), _words(ctx)
    if words.reports.found(folded):
        _about_reports(ctx)
    elif words.offers.found(folded):
        await ctx.run_command("mijnaanbod")
    elif words.activities.found(folded) and ctx.wijk is not None:
        await ctx.run_command("activiteiten")
    else:
        await ctx.run_command("mijnideeen")


def report_channel(ctx: Context) -> list[str]:
    """Where the municipality takes reports of something broken, dirty or unsafe: the name and how to reach it, from
    content; the one wording for every answer that points there."""
    return _channel_lines(_report_contact(ctx))


def _report_contact(ctx: Context) -> Contact | None:
    return ctx.content.report_channel(ctx.wijk.id) if ctx.wijk is not None else None


def _channel_lines(channel: Contact | None) -> list[str]:
    if channel is None:
        return [_("I don't know the report channel of your municipality yet; its website or general phone number "
                  "will help you further.")]
    where = _("You can report it to {name} ({organisation}):").format(
        name=channel.name, organisation=channel.organisation_label())
    return [where, *[f"• {line}" for line in channel_lines(channel)]]


def _about_reports(ctx: Context) -> None:
    """"Hoe zit het met mijn melding?": the bot does not pass reports on, so it cannot see them; it says so, and
    who can."""
    ctx.reply("\n".join([_("Reports don't go through me, so I can't see what happened with yours. The municipality "
                           "can tell you; mention what and where you reported."), *report_channel(ctx)]))


WALK_IN = "_walk_in"
"""In the conversation's data: the weekly activity just told about ([place id, its title in Dutch]), so that "kan ik
mijn buurvrouw meenemen?" and "wat kost het?" right after are about it."""


def tell_walk_in(ctx: Context, place: Place, regular: RegularActivity) -> None:
    """When and where a weekly activity is (no sign-up needed), remembered for the questions that follow."""
    ctx.reply(walk_in_text(place, regular))
    ctx.remember(**{WALK_IN: [place.id, regular.title.get("nl")]})


def _walk_in(ctx: Context, text: str) -> bool:
    """"Mag ik ook naar de buurtinloop?", "when is the coffee morning?": about one weekly activity of a place of
    the resident's wijk (content), answered with when and where; no sign-up needed."""
    named = regular_named(ctx.wijk, text) if ctx.wijk is not None else None
    if named is not None:
        tell_walk_in(ctx, *named)
    return named is not None


def walk_in_meant(ctx: Context, text: str) -> tuple[Place, RegularActivity] | None:
    """The weekly activity a question names (then remembered for the next question), or else the one just told
    about."""
    wijk = ctx.wijk
    if wijk is None:
        return None
    named = regular_meant(wijk, text)
    if named is not None:
        ctx.remember(**{WALK_IN: [named[0].id, named[1].title.get("nl")]})
        return named
    said = ctx.conversation.data.get(WALK_IN)
    if ctx.conversation.flow is None and isinstance(said, list) and len(said) == 2:
        for place in wijk.places:
            for regular in place.regular:
                if place.id == said[0] and regular.title.get("nl") == said[1]:
                    return place, regular
    return None


async def costs(ctx: Context, text: str) -> None:
    """"Wat kost het?": right after a weekly activity, about that activity (content has no prices: who knows);
    otherwise about money for an idea (the wijk's frame)."""
    if _words(ctx).the_bot.found(fold(text)):  # "does it cost anything to use this bot?": the bot, not an idea
        ctx.reply(_("Using me costs nothing: no subscription, no fees. Only your own phone or internet costs apply."))
        return
    meant = walk_in_meant(ctx, text)
    if meant is None and ctx.conversation.flow is None and _words(ctx).free.found(fold(text)):
        if ctx.wijk is None:  # "is het gratis?" asks what coming costs, not money for an idea
            ctx.reply(_("Which activity do you mean? Type {cmd} to see what is on.").format(cmd=cmd("activiteiten")))
        else:  # whichever is meant, the answer is the same: content has no prices
            ctx.reply(_("What the activities cost, I don't know. Ask at the place, or the person who knows the "
                        "neighbourhood:") + "\n" + _reach(ctx.content.fallback_contact(ctx.wijk.id)))
        return
    if meant is None or ctx.wijk is None:  # "belediye bunun için para verir mi": where money comes from, no permits
        if not _walk_in(ctx, text):
            _frame(ctx, ("budget",), _("About money for your idea:"),
                   _("Where money for an idea comes from differs per municipality. Once you have chosen your "
                     "neighbourhood, I can tell you how it works there; the connector of your neighbourhood knows "
                     "the way."))
        return
    place, regular = meant
    ctx.reply(_("I don't know what the {what} costs. Ask at {place}, or the person who knows the neighbourhood:")
              .format(what=regular.title.get(current_locale()), place=place.name)
              + "\n" + _reach(ctx.content.fallback_contact(ctx.wijk.id)))


async def bring_along(ctx: Context, text: str) -> None:
    """"Kan ik mijn buurvrouw meenemen?": to a weekly walk-in activity anyone may come along."""
    meant = walk_in_meant(ctx, text)
    if meant is None:
        ctx.reply(_("Which activity do you mean? Type {cmd} to see what is on. To a walk-in activity anyone may come "
                    "along.").format(cmd=cmd("activiteiten")))
        return
    ctx.reply(_("No need to sign up for the {what}: anyone can walk in, so bring them along!")
              .format(what=meant[1].title.get(current_locale())))


async def whats_on(ctx: Context, text: str) -> None:
    """What is on this week: planned activities and the regular ones of the wijk's places (all wijken when the
    resident has not chosen one yet)."""
    if _walk_in(ctx, text):
        return
    wijken = [ctx.wijk] if ctx.wijk is not None else ctx.content.wijken_sorted()
    lines: list[str] = []
    for wijk in wijken:
        upcoming = [a for a in activities_crud.upcoming(ctx.session, wijk_id=wijk.id, now=ctx.now, limit=SHOWN)
                    if a.starts_at <= ctx.now + WEEK]
        planned = ["🗓️ " + _("{title}, {when}").format(title=a.title, when=format_datetime(a.starts_at))
                   for a in upcoming]
        regular = regular_lines(wijk)
        if planned or regular:
            lines += ["", _("In {wijk}:").format(wijk=wijk.name), *planned, *regular]
    if not lines:
        ctx.reply(_("I don't know of anything planned this week yet."))
        who_knows_for_whom(ctx, text)
        return
    if _words(ctx).in_language.found(fold(text)):  # "is there anything in english?": the content does not say
        lines += ["", _("I don't know in which language each activity is held; the people there can tell you.")]
    ctx.reply(_("This is on:") + "\n" + "\n".join(lines).strip())
    who_knows_for_whom(ctx, text)


def who_knows_for_whom(ctx: Context, text: str) -> None:
    """"Is er iets voor ouderen?": the content does not say who an activity is for; the person of the wijk who fits
    the question best (routed as ideas are) knows what there is for them."""
    if ctx.wijk is None or not _words(ctx).audiences.found(fold(text)):
        return
    best = next(iter(routing.route(ctx.content, wijk_id=ctx.wijk.id, text=text, limit=1)), None)
    contact = best.contact if best is not None and best.score > 0 else ctx.content.fallback_contact(ctx.wijk.id)
    ctx.reply(_("I don't know which of these suit them best. This person knows what there is for them in the "
                "neighbourhood:") + "\n" + _reach(contact))


def asks_for_room(ctx: Context, text: str) -> bool:
    """"Waar kan ik vergaderen?", "is er een zaal te huur?": a room to meet in, not places to meet people."""
    return bool(_words(ctx).rooms.found(fold(text)))


def _rooms(ctx: Context) -> None:
    """"Waar kan ik vergaderen?": the places of the wijk with rooms (a buurthuis, a library, a school), and who
    helps with one: the bot books nothing itself."""
    assert ctx.wijk is not None
    rooms = [p for p in ctx.wijk.places if p.kind in INDOORS]
    lines = [_("For a meeting or a room, you can ask here:")] if rooms else []
    for place in rooms[:SHOWN]:
        where = f" — {place.address}" if place.address else ""
        lines.append(f"📍 {place_name(place.name, place.example)}{where}: {place.description.get(current_locale())}")
    lines += [_("I can't book a room myself. The connector knows which rooms there are and how to get one:"),
              _reach(ctx.content.fallback_contact(ctx.wijk.id))]
    ctx.reply("\n".join(lines))


async def places(ctx: Context, text: str) -> None:
    """Places to meet people, from content; a room to meet in, when that is asked."""
    if ctx.wijk is not None and asks_for_room(ctx, text):
        _rooms(ctx)
        return
    wijken = [ctx.wijk] if ctx.wijk is not None else ctx.content.wijken_sorted()
    lines: list[str] = []
    for wijk in wijken:
        lines += ["", _("In {wijk}:").format(wijk=wijk.name)]
        for place in wijk.places[:SHOWN]:
            where = f" — {place.address}" if place.address else ""
            about = place.description.get(current_locale())
            lines.append(f"📍 {place_name(place.name, place.example)}{where}: {about}")
    ctx.reply(_("Places to meet people:") + "\n" + "\n".join(lines).strip())


async def who_sees(ctx: Context, text: str) -> None:
    """What is kept and who sees what: the privacy facts of how the bot works; asked how many by an aanjager
    ("hoeveel mensen krijgen dit?" right after a message to the wijk), how many residents those messages reach."""
    if _words(ctx).counting.found(fold(text)) and _tell_reach(ctx):
        return
    lines = [
        _("I keep your language, your neighbourhood, and what you tell me about your ideas, what you can offer and "
          "the activities you join."),
        _("What you tell me stays with me. Nobody sees your name, phone number or address unless you say yes to "
          "that yourself."),
        _("A contact person only gets the summary of your idea after you agreed, without your personal details; "
          "neighbours only read the exact words you approved, such as your call."),
        _("With {my_data} you see everything I keep, and {forget_me} erases it.").format(
            my_data=cmd("mijngegevens"), forget_me=cmd("vergeetmij")),
    ]
    ctx.reply("\n".join(lines))


def _tell_reach(ctx: Context) -> bool:
    """For an aanjager: how many residents a message to each of their wijken reaches now; False for anyone else."""
    lines = []
    for wijk_id in activities_crud.aanjager_wijken(ctx.session, user=ctx.user):
        wijk = ctx.content.wijken.get(wijk_id)
        if wijk is None:
            continue
        count = len(activities_crud.subscribers(ctx.session, wijk_id=wijk.id, exclude=ctx.user.id))
        lines.append(ngettext("A message to {wijk} reaches {n} resident who gets the news of the neighbourhood.",
                              "A message to {wijk} reaches {n} residents who get the news of the neighbourhood.",
                              count).format(wijk=wijk.name, n=format_number(count)))
    if not lines:
        return False
    lines.append(_("They read only the message itself; nobody sees who else got it."))
    ctx.reply("\n".join(lines))
    return True


async def languages(ctx: Context, text: str) -> None:
    """"Do you also do Arabic?": the six languages, and how to switch."""
    names = ", ".join(LANGUAGE_NAMES[code] for code in LOCALES)
    ctx.reply(_("I can write in these languages: {languages}. You can switch at any time with {cmd}.").format(
        languages=names, cmd=cmd("taal")))


async def bot_abilities(ctx: Context, text: str) -> None:
    """What the bot can and cannot do, honestly."""
    if _words(ctx).messages.found(fold(text)):
        _how_often_i_write(ctx)
        return
    contact = ctx.content.fallback_contact(ctx.wijk.id) if ctx.wijk is not None else None
    lines = [
        _("I'm Wijkgids, a chatbot, not a person. I help you share an idea and find the right person for it, show "
          "what's on and where to meet people, and note what you'd like to offer your neighbours. Type {cmd} for "
          "everything I can do.").format(cmd=cmd("help")),
        _("I can't book rooms, decide on money or permits, or pass on reports to the municipality myself. People of "
          "your neighbourhood can:") if contact is not None else
        _("I can't book rooms, decide on money or permits, or pass on reports to the municipality myself. Once I "
          "know your neighbourhood, I'll tell you who can."),
    ]
    if contact is not None:
        lines.append(_reach(contact))
    if _words(ctx).reports.found(fold(text)) or _words(ctx).pass_on.found(fold(text)):
        lines += report_channel(ctx)
    ctx.reply("\n".join(lines))


def _how_often_i_write(ctx: Context) -> None:
    """"Hoe vaak krijg ik berichten?", "will you spam me": the daily limit and the quiet hours (bot/services/notify.py),
    what such a message is about, and how to stop the news."""
    ctx.reply(_("On my own I send you at most one message a day, and never at night: news of what's on in your "
                "neighbourhood, a question about how your idea is going, or a neighbour's idea that fits what you "
                "offered (only if you said I may ask). With {cmd} you get no more news from the neighbourhood.")
              .format(cmd=cmd("stop")))


async def rules(ctx: Context, text: str) -> None:
    """Money, permits and what is fixed: the wijk's frame from content, and who knows more."""
    if _walk_in(ctx, text):  # "mag ik ook naar de koffieochtend?" asks about coming, not about permits
        return
    _frame(ctx, ("permit", "budget", "fixed"), _("Good to know how it works here:"),
           _("The rules differ per municipality. Once you have chosen your neighbourhood, I can tell you how it works "
             "there; the connector of your neighbourhood knows the way."))


def _frame(ctx: Context, parts: tuple[str, ...], lead: str, unknown: str) -> None:
    """Those parts of the wijk's frame (permit, budget, fixed) after a lead, and who knows more; `unknown` without
    a wijk."""
    wijk = ctx.wijk
    frame = wijk.frame if wijk is not None else None
    if frame is None:
        ctx.reply(unknown)
        return
    locale = current_locale()
    lines = [lead]
    for part in (getattr(frame, name) for name in parts):
        lines.append("• " + part.text.get(locale) + (" " + _("(example, not checked yet)") if part.example else ""))
    assert wijk is not None
    lines += [_("For your own situation, ask:"), _reach(ctx.content.fallback_contact(wijk.id))]
    ctx.reply("\n".join(lines))


async def words(ctx: Context, text: str) -> None:
    """"Wat is verbinder?", "what's a call?": what a word the bot uses means, with who it is in the resident's wijk."""
    folded, words = fold(text), _words(ctx)
    if words.differences.found(folded) and ctx.conversation.flow is not None:
        # "whats the difference between the connector and an organisation?": the choices of this question
        ctx.reply(_what_comes_next(ctx.conversation.flow, ctx.conversation.step))
    if words.connectors.found(folded):
        if ctx.wijk is None:
            ctx.reply(_("The connector is someone who knows many people and organisations in your neighbourhood and "
                        "thinks along with you about your idea. Once you have chosen your neighbourhood, I can tell "
                        "you who it is."))
            return
        contact = ctx.content.fallback_contact(ctx.wijk.id)
        ctx.reply(_("The connector of your neighbourhood is {name} ({organisation}): someone who knows many people and "
                    "organisations here. If you choose to think it through with the connector, they get the summary "
                    "of your idea, without your name or number, and think along with you about the next step.")
                  .format(name=contact.name, organisation=contact.organisation_label()))
    elif words.calls.found(folded):
        ctx.reply(_("A call is one sentence to your neighbours, for example: \"Who joins in? Saturday we fill the "
                    "planters.\" I only show it to neighbours who offered help that fits, after you have approved the "
                    "exact words, and never with your name."))
    elif not words.differences.found(folded) or ctx.conversation.flow is None:
        await other(ctx, text)


def report_where(ctx: Context, *, lead: str | None = None) -> str:
    """Thanks for noticing something broken, dirty or unsafe, and where to report it."""
    return "\n".join([lead or _("That sounds like something broken, dirty or unsafe in the street. Thanks for "
                                 "noticing! The municipality fixes that fastest when you report it directly."),
                      *report_channel(ctx)])


def tell_report_where(ctx: Context) -> None:
    """Where to report something broken, remembered so that "wat moet ik doen?" right after is about it."""
    ctx.reply(report_where(ctx))
    reported(ctx)


def reported(ctx: Context) -> None:
    """The resident was just told where to report something: a vague question next is about how (`report`)."""
    if ctx.conversation.flow is None:
        ctx.remember(**{FOLLOW_UP: "report"})


async def report(ctx: Context, text: str) -> None:
    """"Wie moet ik bellen over de kapotte lantaarn?": the municipality's report channel; "wat moet ik doen?" right
    after it: how to report, with the channel again."""
    if ctx.conversation.data.get(FOLLOW_UP) != "report":
        tell_report_where(ctx)
        return
    channel = _report_contact(ctx)
    lines = [] if channel is None else [
        _("This is how you do it: contact them by phone or on their website, and say what is broken and where "
          "exactly: the street and a house number nearby. A photo helps, if you can add one. I can't report it for "
          "you myself.")]
    ctx.reply("\n".join([*lines, *_channel_lines(channel)]))


async def lost(ctx: Context, text: str) -> None:
    """"Wat is dit? ik begrijp niet goed": the question said more simply (how to answer it), then asked again."""
    if ctx.conversation.flow is None:
        await ctx.run_command("help")
        return
    ctx.reply(_("Sorry, I'll say it more simply. I ask you a few questions, one at a time. Answer in your own words: a "
                "few words are enough. Or type the word of one of the options. Is another language easier for you? "
                "Then type {cmd}.").format(cmd=cmd("taal")))


async def other(ctx: Context, text: str) -> None:
    """A question the bot has no answer to: say so, and who will know. In the middle of a question it is often
    about that question: any answer in one's own words is fine."""
    if _walk_in(ctx, text):
        return
    if ctx.conversation.flow is not None and _takes_words(ctx):
        ctx.reply(_("I can't answer that one myself. If it is about my question: any answer in your own words is "
                    "fine, a few words are enough."))
        return
    if ctx.conversation.flow is not None:  # a question with options: "any answer" would not be true there
        ctx.reply(_("I can't answer that one myself. If it is about my question: choose the option that fits you "
                    "best, or say it in your own words."))
        return
    if ctx.wijk is None:
        ctx.reply(_("Good question! I don't know the answer myself. Type {cmd} to see what I can help with.")
                  .format(cmd=cmd("help")))
        return
    ctx.reply(_("Good question! I don't know the answer myself, but this person knows the neighbourhood well:")
              + "\n" + _reach(ctx.content.fallback_contact(ctx.wijk.id)))


def _takes_words(ctx: Context) -> bool:
    """The open question takes any typed text as its answer (not only its options)."""
    step = ctx.open_step
    return step is None or step.free_text is True or not ctx.conversation.choices


IDEA_QUESTIONS = frozenset({"resume_draft", "text", "report", "picture", "confirm", "themes", "needs", "has", "knows",
                            "first_step", "mentor", "edit"})
"""The idea conversation's questions before its summary."""


def _what_comes_next(flow: str | None, step: str | None) -> str:
    """What happens after the open question, in this conversation: true to the flows of handlers/."""
    if flow == "onboarding":
        return _("First a few quick questions: your language, whether I may keep what you tell me, and your "
                 "neighbourhood. Then I show you what I can do, and take up anything you already wrote.")
    if flow == "idea" and step in IDEA_QUESTIONS:
        return _("I ask a few more short questions about your idea. Then you see a summary of it and choose what "
                 "help you would like. Nothing is sent to anyone without your yes.")
    if flow == "idea" and step == "summary":
        return _("Now you choose what help you would like: start yourself with neighbours (you write a call to "
                 "them), think it through with the connector of your neighbourhood, or something from an "
                 "organisation. Nothing is sent to anyone without your yes.")
    if flow == "idea":
        return _("After this question I show you exactly what will go out and to whom. Nothing is sent to anyone "
                 "without your yes.")
    if flow == "offer":
        return _("A few short questions about what you would like to offer, then I save it. I only ask you when a "
                 "neighbour's idea needs exactly that, if you say that's fine; your name is never shared without "
                 "your yes.")
    if flow == "activity":
        return _("After these questions you see the activity as residents will see it; it is only published when "
                 "you choose Publish.")
    if flow is not None:
        return _("When you have answered this question, I tell you what happens next. Nothing is sent to anyone "
                 "without your yes.")
    return _("Nothing is waiting for an answer right now. Type {cmd} to see what I can do.").format(cmd=cmd("help"))


async def whats_next(ctx: Context, text: str) -> None:
    """"Wat gebeurt er nu?": what happens next in the conversation the resident is in."""
    ctx.reply(_what_comes_next(ctx.conversation.flow, ctx.conversation.step))


async def waiting(ctx: Context, text: str) -> None:
    """"Hoe lang duurt het voordat iemand reageert?": the true timing of the handover and its escalation, and of the
    check-ins (the settings), and who reacts."""
    settings = ctx.app.settings
    react, remind = settings.handover_reaction_days, settings.handover_reminder_days
    lines = []
    if ctx.wijk is not None:
        contact = ctx.content.fallback_contact(ctx.wijk.id)
        lines.append(_("When you choose help, your idea goes to a person of your neighbourhood who fits it, for "
                       "example {name} ({organisation}).").format(name=contact.name,
                                                                  organisation=contact.organisation_label()))
    else:
        lines.append(_("When you choose help, your idea goes to a person of your neighbourhood who fits it."))
    lines.append(ngettext("They have {n} day to react.", "They have {n} days to react.", react).format(n=react))
    lines.append(ngettext("If nobody has reacted by then, I send a reminder, and if it stays quiet {n} more day, I "
                          "ask someone else. I tell you at every step.",
                          "If nobody has reacted by then, I send a reminder, and if it stays quiet {n} more days, I "
                          "ask someone else. I tell you at every step.", remind).format(n=remind))
    if settings.checkin_days:
        first = settings.checkin_days[0]
        lines.append(ngettext("If you start yourself, I ask you after {n} day how it is going.",
                              "If you start yourself, I ask you after {n} days how it is going.", first)
                     .format(n=first))
    ctx.reply(" ".join(lines))


TOPICS: dict[str, TopicAnswer] = {
    "own_things": own_things, "whats_on": whats_on, "places": places, "who_sees": who_sees,
    "bot_abilities": bot_abilities, "rules": rules, "next": whats_next, "languages": languages, "waiting": waiting,
    "words": words, "lost": lost, "report": report, "costs": costs, "bring_along": bring_along,
    "other": other,
}
"""One function per topic of bot/understanding/dialogue_acts.TOPICS."""
