"""/idee: an idea in your own words → themes → what you have → who you know → what you need
→ a summary you confirm → the right people to help → a warm handover.

The idea row is saved after every answer, so "later verder" (a draft) and a
restart lose nothing; "mijn ideeën" lists them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from sqlmodel import col, select

from bot import intents
from bot.commands import cmd
from bot.conversation import Context, Flow, row_id
from bot.events import Choice, Incoming, Kind
from bot.i18n import N_, _
from bot.models import Idea, IdeaStatus
from bot.text import shorten
from handlers import handover, personal
from handlers.menu import show_menu

flow = Flow("idea")

THEMES = {
    "ontmoeten": N_("🤝 Meeting people"),
    "groen": N_("🌳 Green & nature"),
    "spelen": N_("🛝 Play & children"),
    "sport": N_("⚽ Sport & exercise"),
    "feest": N_("🎉 Parties & culture"),
    "zorg": N_("💛 Caring for each other"),
    "veiligheid": N_("🚦 Safety & traffic"),
    "duurzaam": N_("♻️ Sustainability"),
    "anders": N_("✨ Something else"),
}
NEEDS = {
    "ruimte": N_("🏠 A place or room"),
    "geld": N_("💶 Money"),
    "vergunning": N_("📄 A permit"),
    "spullen": N_("🧰 Things and materials"),
    "handen": N_("🙌 Helping hands"),
    "advies": N_("💡 Advice"),
    "gemeente": N_("🏛️ Contact with the municipality"),
}
SUMMARY = "summary"


async def start(ctx: Context) -> None:
    """/idee: start a new idea (an open draft is offered first)."""
    draft = _latest_draft(ctx)
    if draft is not None and draft.text:
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


async def resume(ctx: Context, idea_id: int) -> None:
    idea = ctx.session.get(Idea, idea_id)
    if idea is None or idea.user_id != ctx.user.id or idea.status != IdeaStatus.DRAFT:
        ctx.reply(_("I can't find that draft anymore."))
        return
    ctx.reply(_("Let's continue with your idea: \"{idea}\"").format(idea=shorten(idea.text)))
    step = idea.step if idea.step in flow.steps else SUMMARY
    await ctx.start("idea", step, idea=idea.id)


def _latest_draft(ctx: Context) -> Idea | None:
    return ctx.session.exec(
        select(Idea)
        .where(Idea.user_id == ctx.user.id, Idea.status == IdeaStatus.DRAFT)
        .order_by(col(Idea.updated_at).desc())
    ).first()


def current_idea(ctx: Context) -> Idea:
    idea = ctx.session.get(Idea, int(ctx.data["idea"]))
    if idea is None or idea.user_id != ctx.user.id:
        raise LookupError("idea of this conversation is gone")
    return idea


async def _next(ctx: Context, step: str, idea: Idea) -> None:
    """After an answer: back to the summary when editing, else on to the next question."""
    target = SUMMARY if ctx.data.get("editing") else step
    idea.step = target
    idea.updated_at = ctx.now
    await ctx.goto(target)


async def on_cancel(ctx: Context) -> None:
    """'stop' during the conversation: keep what was said as a draft, say how to continue."""
    ctx.reply(_("Okay, I stopped. I kept your idea as a draft: continue any time via {cmd}.")
              .format(cmd=cmd("mijnideeen")))


flow.on_cancel = on_cancel


# --- a draft is waiting ---------------------------------------------------------------
@flow.ask("resume_draft")
async def ask_resume_draft(ctx: Context) -> None:
    draft = ctx.session.get(Idea, int(ctx.data["draft"]))
    text = shorten(draft.text) if draft else ""
    ctx.reply(
        _("You still have an idea in progress: \"{idea}\". Shall we continue with it?").format(idea=text),
        [ctx.choice("continue", _("Continue with it"), family="yes"), ctx.choice("new", _("Start a new idea"))],
    )


@flow.answer("resume_draft")
async def got_resume_draft(ctx: Context, msg: Incoming) -> None:
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


@flow.answer("text", free_text=True)
async def got_text(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.TEXT:
        ctx.reply(_("Tell me a little more about it, a few words are enough."))
        return
    await _take_text(ctx, msg.text.strip())


async def _take_text(ctx: Context, text: str) -> None:
    result = intents.classify(text, intents.load(ctx.app.settings.content_dir))
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
    idea.text = text
    if meant == intents.REPORT and not ctx.data.get("report_seen"):
        idea.step = "report"
        await ctx.goto("report")
        return
    if not ctx.data.get("editing"):
        ctx.reply(_("What a lovely idea! How do you picture it?"))
    await _next(ctx, "themes", idea)


# --- the melding detour -----------------------------------------------------------------
def report_text(ctx: Context) -> str:
    """Where the municipality takes reports of something broken, dirty or unsafe (from content)."""
    channel = ctx.content.report_channel(ctx.user.wijk_id or "")
    lines = [_("That sounds like something broken, dirty or unsafe in the street. Thanks for noticing! "
               "The municipality fixes that fastest when you report it directly.")]
    if channel is not None:
        lines.append(_("You can report it to {name} ({organisation}):").format(
            name=channel.name, organisation=channel.organisation))
        lines += [f"• {line}" for line in handover.channel_lines(channel)]
    else:
        lines.append(_("I don't know the report channel of your municipality yet; its website or general "
                       "phone number will help you further."))
    return "\n".join(lines)


@flow.ask("report")
async def ask_report(ctx: Context) -> None:
    ctx.reply(report_text(ctx))
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
        return
    ctx.remember(report_seen=True)
    ctx.reply(_("Great! Tell me about your idea: what would you like to do?"))
    idea.step = "text"
    ctx.conversation.step = "text"


# --- 2. themes (several allowed) ----------------------------------------------------------
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


@flow.ask("themes")
async def ask_themes(ctx: Context, *, in_place: bool = False) -> None:
    _ask_toggles(ctx, _("What is it mainly about? Pick one or more themes, then choose \"Done\"."), THEMES,
                 current_idea(ctx).themes, in_place=in_place)


@flow.answer("themes", multi=True)
async def got_theme(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    if await _toggle(ctx, msg, THEMES, idea, "themes", ask_themes):
        return
    if msg.kind is Kind.CHOICE and msg.choice == "done":
        if not idea.themes:
            ctx.reply(_("Pick at least one theme; \"Something else\" is fine too."))
            await ask_themes(ctx)
            return
        await _next(ctx, "has", idea)
    else:
        ctx.reply(_("Choose the themes that fit, one at a time."))
        await ask_themes(ctx)


def _toggled(values: list[str], value: str) -> list[str]:
    return [v for v in values if v != value] if value in values else [*values, value]


# --- 3. what you already have or can do ------------------------------------------------------
@flow.ask("has")
async def ask_has(ctx: Context) -> None:
    ctx.reply(
        _("What do you already have, or what can you do yourself? Think of your skills, time, "
          "things, a place, people around you. \"Nothing yet\" is fine too."),
        [ctx.choice("nothing", _("Nothing yet"), family="nothing"), ctx.back_choice(_("⬅️ Back"))],
    )


@flow.answer("has", free_text=True)
async def got_has(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    nothing = msg.kind is Kind.CHOICE and msg.choice == "nothing"
    idea.has = "" if nothing else msg.text.strip()
    if nothing and not ctx.data.get("editing"):
        ctx.reply(_("No problem, everyone starts somewhere."))
    await _next(ctx, "knows", idea)


# --- 4. who you know ----------------------------------------------------------------------------
@flow.ask("knows")
async def ask_knows(ctx: Context) -> None:
    ctx.reply(
        _("Who do you know who could help with this? Neighbours, friends, a club, someone at school… "
          "\"Nobody yet\" is fine: then I'll think along with you."),
        [ctx.choice("nobody", _("Nobody yet"), family="nobody"), ctx.back_choice(_("⬅️ Back"))],
    )


@flow.answer("knows", free_text=True)
async def got_knows(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    nobody = msg.kind is Kind.CHOICE and msg.choice == "nobody"
    idea.knows = "" if nobody else msg.text.strip()
    await _next(ctx, "needs", idea)


# --- 5. what you need -----------------------------------------------------------------------------
@flow.ask("needs")
async def ask_needs(ctx: Context, *, in_place: bool = False) -> None:
    _ask_toggles(ctx, _("What do you need to take this further? Pick everything that applies, then choose \"Done\"."),
                 NEEDS, current_idea(ctx).needs, in_place=in_place)


@flow.answer("needs", multi=True)
async def got_need(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    if await _toggle(ctx, msg, NEEDS, idea, "needs", ask_needs):
        return
    if msg.kind is Kind.CHOICE and msg.choice == "done":
        await _next(ctx, SUMMARY, idea)
    else:
        ctx.reply(_("Choose what you need, one at a time. Not sure yet? Just choose \"Done\"."))
        await ask_needs(ctx)


# --- 6. the summary card -------------------------------------------------------------------------
def summary_card(idea: Idea) -> str:
    """The idea as the resident confirmed it; also what a contact receives (no personal details)."""
    themes = ", ".join(str(THEMES[t]) for t in idea.themes if t in THEMES) or "—"
    needs = ", ".join(str(NEEDS[n]) for n in idea.needs if n in NEEDS) or _("not sure yet")
    return "\n".join([
        _("💡 The idea: {text}").format(text=idea.text),
        _("Themes: {themes}").format(themes=themes),
        _("Already there: {has}").format(has=idea.has or _("nothing yet")),
        _("Knows: {knows}").format(knows=idea.knows or _("nobody yet")),
        _("Needs: {needs}").format(needs=needs),
    ])


@flow.ask(SUMMARY)
async def ask_summary(ctx: Context) -> None:
    idea = current_idea(ctx)
    ctx.forget("editing")
    ctx.reply(
        _("This is your idea as I understood it:") + "\n\n" + summary_card(idea) + "\n\n" + _("Is this right?"),
        [
            ctx.choice("confirm", _("✅ Yes, find someone to help"), family="yes"),
            ctx.choice("edit", _("✏️ Change something")),
            ctx.choice("draft", _("💾 Continue later"), family="later"),
            ctx.choice("cancel", _("🗑️ Throw away")),
        ],
    )


@flow.answer(SUMMARY)
async def got_summary(ctx: Context, msg: Incoming) -> None:
    idea = current_idea(ctx)
    if msg.kind is not Kind.CHOICE:
        ctx.reply(_("Please choose one of the options below."))
        await ctx.ask_current()
        return
    if msg.choice == "confirm":
        idea.status = IdeaStatus.CONFIRMED
        idea.step = None
        idea.updated_at = ctx.now
        await handover.offer_contacts(ctx, idea)
    elif msg.choice == "edit":
        await ctx.goto("edit")
    elif msg.choice == "draft":
        idea.step = SUMMARY
        ctx.end()
        ctx.reply(_("Saved! You can pick up your idea any time via {cmd}.").format(cmd=cmd("mijnideeen")))
    elif msg.choice == "cancel":
        ctx.session.delete(idea)
        ctx.end()
        ctx.reply(_("Okay, I have thrown the idea away. Your next idea is very welcome!"))
        await show_menu(ctx)


@flow.ask("edit")
async def ask_edit(ctx: Context) -> None:
    ctx.reply(
        _("What would you like to change?"),
        [
            ctx.choice("text", _("The idea itself")),
            ctx.choice("themes", _("Themes")),
            ctx.choice("has", _("What is already there")),
            ctx.choice("knows", _("Who you know")),
            ctx.choice("needs", _("What you need")),
            ctx.back_choice(_("⬅️ Back")),
        ],
    )


@flow.answer("edit")
async def got_edit(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.CHOICE or msg.choice not in ("text", "themes", "has", "knows", "needs"):
        await ctx.ask_current()
        return
    ctx.remember(editing=True)
    await ctx.goto(msg.choice)


# --- mijn ideeën ----------------------------------------------------------------------------------
async def my_ideas(ctx: Context) -> None:
    ideas = list(ctx.session.exec(
        select(Idea).where(Idea.user_id == ctx.user.id, col(Idea.status) != IdeaStatus.CANCELLED)
        .order_by(col(Idea.created_at).desc())
    ))
    if not ideas:
        ctx.reply(_("You have no ideas yet. Type {cmd} to share one!").format(cmd=cmd("idee")),
                  [Context.command("idee", _("💡 I have an idea"))])
        return
    lines = [_("Your ideas:")]
    choices: list[Choice] = []
    for number, idea in enumerate(ideas, start=1):
        lines.append(f"\n{number}. {shorten(idea.text) or _('(no text yet)')}")
        lines.append("   " + handover.status_line(ctx, idea))
        if idea.status == IdeaStatus.DRAFT:
            choices.append(Context.action("idea", "resume", idea.id, label=_("Continue idea {n}").format(n=number)))
    ctx.reply("\n".join(lines), choices)


async def idea_action(ctx: Context, args: list[str]) -> None:
    """Buttons outside the conversation: `!idea:resume:<id>`."""
    if len(args) == 2 and args[0] == "resume" and (idea_id := row_id(args[1])) is not None:
        await resume(ctx, idea_id)
    else:
        ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))
