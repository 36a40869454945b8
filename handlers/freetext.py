"""Text typed outside a question: what the resident means (bot/understanding/intents.py) decides what happens next."""

from __future__ import annotations

from bot.core.commands import cmd
from bot.core.conversation import Context
from bot.infra.i18n import _
from bot.services import topics
from bot.services.whats_on import regular_meant, regular_named
from bot.understanding import answers, intents, routing
from bot.understanding.idea_words import load_idea_words
from handlers import ideas, offers, personal, stories, who_to_ask
from handlers.menu import how_it_works, show_menu

COMMANDS = {"places": "plekken", "activities": "activiteiten", "my_ideas": "mijnideeen", "mute": "stop",
            "forget": "vergeetmij"}
FROM_DUTCH_WORDS = frozenset({intents.REPORT, intents.PERSONAL, intents.NEWCOMER, intents.IDEA, "offer", "places",
                              "activities"})
"""What a text in another language may mean by the Dutch words of its dictionary when its own words say nothing
("czuję się samotna" → "eenzaam"); never the resident's business with the bot (stop messages, erase): those need
their own words."""


async def answer(ctx: Context, text: str) -> None:
    if stories.wants_review(text):  # an aanjager typing "verhalen beoordelen"
        await ctx.run_command("beoordelen")
        return
    if answers.family_inside(text, "new_activity"):  # "kan ik ook een activiteit aanmaken voor dinsdag?"
        await ctx.run_command("nieuweactiviteit" if ctx.organised_wijken() else "voorstel")
        return
    lexicon = intents.load(ctx.app.settings.content_dir)
    read = intents.classify(text, lexicon)
    if read.intent == intents.NONE:  # "oyun parkında salıncak kırık": the intents read the Dutch words of it
        dutch = routing.dutch_words(ctx.content, text, ctx.user.locale)
        if dutch and intents.classify(dutch, lexicon).intent in FROM_DUTCH_WORDS:
            read = intents.classify(dutch, lexicon)
    meant = read.intent
    if not read.strong and _walk_in(ctx, text, meant):
        return
    if meant == intents.IDEA and intents.announces_only(text, lexicon):
        await ctx.run_command("idee")
    elif meant == intents.IDEA:
        await ideas.start_with_text(ctx, text)
    elif meant == intents.REPORT:
        topics.tell_report_where(ctx)
        ctx.reply(_("Is there also an idea in it, something you would like to do with neighbours? Tell me with {cmd}.")
                  .format(cmd=cmd("idee")),
                  [Context.command("idee", _("💡 I have an idea"))])
    elif meant in (intents.PERSONAL, intents.NEWCOMER):
        await personal.answer(ctx, newcomer=meant == intents.NEWCOMER, text=text)
    elif meant == "offer":
        await offers.start(ctx, text)
    elif meant == "announce":  # news for the whole wijk: an aanjager broadcasts, a resident puts it on the agenda
        await ctx.run_command("omroep" if ctx.organised_wijken() else "voorstel")
    elif meant == "places" and ctx.wijk is not None and topics.asks_for_room(ctx, text):  # "waar kan ik vergaderen?"
        await topics.places(ctx, text)
    elif meant in COMMANDS:
        await ctx.run_command(COMMANDS[meant])
        if meant == "activities":  # "is er iets voor ouderen?": and who knows what there is for them
            topics.who_knows_for_whom(ctx, text)
    elif meant == "who_to_ask":
        await who_to_ask.answer(ctx, text)
    elif meant == intents.RESUME:
        await ideas.resume_latest(ctx)
    elif meant == intents.GREETING:
        ctx.reply(_("Hi, nice to hear from you!"))
        await show_menu(ctx, intro=True)
    elif meant == intents.THANKS:
        ctx.reply(_("You're welcome! I'm here whenever you need me."))
        await show_menu(ctx)
    elif meant == intents.HELP:
        await how_it_works(ctx)
    elif _names_something_for_the_wijk(ctx, text):
        await ideas.ask_if_idea(ctx, text)
    elif any(answers.family_of(text, family) for family in ("done", "no", "nothing")):
        # "gotowe", "klaar", "nee" with no question open: nothing to finish or refuse
        ctx.reply(_("Okay! Nothing is open right now. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))
    else:
        await ctx.run_command("onbekend")


def _names_something_for_the_wijk(ctx: Context, text: str) -> bool:
    """"a skatepark for the kids", "een bankje bij het park": words of an idea's theme, in a few words that ask
    nothing."""
    words = load_idea_words(ctx.app.settings.content_dir)
    return len(text.split()) >= 2 and not text.rstrip().endswith(("?", "؟")) and bool(words.themes_in(text))


def _walk_in(ctx: Context, text: str, meant: str) -> bool:
    """"ik kom naar de koffieochtend": a weekly activity of a place (content) needs no sign-up; say when and where.
    Only when nothing else is meant, or the text says the resident is coming ("ik wil" alone stays an idea)."""
    if ctx.user.wijk_id is None or ctx.user.wijk_id not in ctx.content.wijken:
        return False
    if meant not in (intents.NONE, "activities", "places") and not answers.family_inside(text, "come"):
        return False
    wijk = ctx.content.wijk(ctx.user.wijk_id)
    named = regular_named(wijk, text)
    if named is None and meant == intents.NONE:  # "die van de koffie": a word only its name has
        named = regular_meant(wijk, text)
    if named is None and answers.family_of(text, "come"):  # "ik kom!" right after hearing about one
        named = topics.walk_in_meant(ctx, text)
    if named is None:
        return False
    topics.tell_walk_in(ctx, *named)
    return True
