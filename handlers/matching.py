"""Neighbours who can help: the gifts of neighbours in the same wijk meet what an idea needs.

Double opt-in: the initiator first sees and approves what neighbours will read (themes, needs and a
neutral line, or a line of their own, redacted); only then the best-fitting neighbours are asked, each
about the gift that fits. Only after their yes do the two talk, through the bot.

Public API for other handlers: `suggest(ctx, idea)` offers to ask neighbours when some fit (buttons);
`await start_asking(ctx, idea)` goes straight to the approval step (for a resident who already chose
"ask my neighbours"). Scoring neighbours without asking anyone: bot/services/matching.py.
`bot.understanding.redact.redact(text, names=...)` cleans any other text that crosses to another person
before consent.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.core.app import App
from bot.core.commands import cmd
from bot.core.conversation import Context, Flow
from bot.core.events import Incoming, Kind, Reply
from bot.infra.crud import offers as offers_crud
from bot.infra.crud import users as users_crud
from bot.infra.i18n import _, current_locale, ngettext
from bot.infra.models import (
    ConsentPurpose,
    HelpRequest,
    HelpRequestStatus,
    Idea,
    OfferProfile,
    User,
)
from bot.services.matching import GiftOffer, labels, ranked_neighbours, shared_description, why
from bot.services.notify import notify
from bot.services.relay import relay_to
from bot.understanding.gifts import load_gifts
from bot.understanding.redact import known_names, redact

flow = Flow("helpmsg")
share_flow = Flow("matchshare")
MAX_ASKED = 3


def suggest(ctx: Context, idea: Idea) -> None:
    """After a handover (or a do-it-yourself idea): tell the initiator, without names, that neighbours
    could help, and offer to ask them."""
    best = ranked_neighbours(ctx.session, ctx.app, idea, limit=MAX_ASKED)
    if not best:
        return
    shared = list(dict.fromkeys(c for m in best for c in m.categories))
    what = labels(ctx.app, shared) or _("your idea")
    ctx.reply(_("Good to know: there are neighbours who could help with {what}. Shall I ask them? "
                "I won't share your name; they decide themselves.").format(what=what),
              [Context.action("match", "ask", idea.id, label=_("Yes, ask them"), family="yes"),
               Context.action("match", "no", idea.id, label=_("No, thanks"), family="no")])


async def match_action(ctx: Context, args: list[str]) -> None:
    """`!match:<ask|no>:<idea>`: only the initiator. Asking starts with approving what neighbours see."""
    idea = ctx.row(Idea, args[1]) if len(args) == 2 else None
    if idea is None or idea.user_id != ctx.user.id:
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    if args[0] != "ask":
        ctx.reply(_("Okay, I won't ask them."))
        return
    await start_asking(ctx, idea)


async def start_asking(ctx: Context, idea: Idea) -> None:
    """The initiator wants neighbours asked: first they see and approve what neighbours will read (their own
    call to neighbours, redacted, when they wrote one)."""
    names = known_names(ctx.user.display_name, free_text=idea.knows)
    line = redact(idea.call[:300], names=names) if idea.call else ""
    await ctx.start("matchshare", "approve", idea=idea.id, line=line)


def _share_idea(ctx: Context) -> Idea | None:
    idea = ctx.session.get(Idea, int(ctx.data["idea"]))
    return idea if idea is not None and idea.user_id == ctx.user.id else None


@share_flow.ask("approve")
async def ask_approve(ctx: Context) -> None:
    idea = _share_idea(ctx)
    if idea is None:
        ctx.end()
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    ctx.reply(_("Before I ask anyone: the neighbours will only read this, without your name or contact "
                "details:") + "\n\n" + shared_description(idea, ctx.data.get("line", "")) + "\n\n"
              + _("Is that okay?"),
              [ctx.choice("ok", _("✅ Yes, ask them with this"), family="yes"),
               ctx.choice("own", _("✏️ I'll write my own line")),
               ctx.choice("no", _("Don't ask anyone"), family="no")])


@share_flow.answer("approve", free_text=True, relay=True)
async def got_approve(ctx: Context, msg: Incoming) -> None:
    """A button (or its number or family word, e.g. 'ja'), or a typed line of their own."""
    said = msg.choice if msg.kind is Kind.CHOICE else msg.text.strip()
    if said == "ok":
        idea = _share_idea(ctx)
        line = str(ctx.data.get("line", ""))
        ctx.end()
        if idea is not None:
            ask_neighbours(ctx, idea, line)
    elif said == "no":
        ctx.end()
        ctx.reply(_("Okay, I won't ask them."))
    elif said == "own":
        await ctx.goto("own")
    elif msg.kind is Kind.TEXT and len(said) >= 15:
        await _take_line(ctx, msg.text)
    else:
        ctx.reply(_("Press one of the buttons, or type your own line for the neighbours."))
        await ctx.ask_current()


@share_flow.ask("own")
async def ask_own(ctx: Context) -> None:
    ctx.reply(_("Write one or two sentences about your idea for the neighbours. Leave out names and addresses; "
                "I remove phone numbers, e-mail addresses and addresses anyway."))


@share_flow.answer("own", free_text=True, relay=True)
async def got_own(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.TEXT or len(msg.text.strip()) < 3:
        await ctx.ask_current()
        return
    await _take_line(ctx, msg.text)


async def _take_line(ctx: Context, text: str) -> None:
    idea = _share_idea(ctx)
    names = known_names(ctx.user.display_name, free_text=idea.knows if idea else "")
    line = redact(text.strip()[:300], names=names)
    if line != text.strip()[:300]:
        ctx.reply(_("I left out names and contact details."))
    ctx.remember(line=line)
    await ctx.goto("approve")


def ask_neighbours(ctx: Context, idea: Idea, line: str) -> int:
    """Asks the best-fitting neighbours (not asked recently) with the approved line; returns how many."""
    names = known_names(ctx.user.display_name, free_text=idea.knows)
    asked = 0
    assert idea.id is not None
    for match in ranked_neighbours(ctx.session, ctx.app, idea):
        if asked >= MAX_ASKED:
            break
        existing = offers_crud.request_for(ctx.session, idea_id=idea.id, neighbour_id=match.neighbour_id)
        if existing is None and ask(ctx, match.neighbour_id, list(match.categories),
                                    lambda request, gift=match.gift: _question(  # type: ignore[misc]
                                        ctx.app, idea, request, gift, names), idea_id=idea.id, share_line=line):
            asked += 1
    if asked:
        ctx.reply(ngettext("I asked {n} neighbour. As soon as they say yes, I'll put you in touch through me.",
                           "I asked {n} neighbours. As soon as someone says yes, I'll put you in touch through me.",
                           asked).format(n=asked))
    else:
        ctx.reply(_("The neighbours who could help were already asked recently. I'm sorry; try again in a week, "
                    "or ask your contact person."))
    return asked


def ask(ctx: Context, neighbour_id: int, categories: list[str], question: Callable[[HelpRequest], Reply], *,
        idea_id: int | None = None, share_line: str = "") -> bool:
    """Asks one neighbour (double opt-in: nothing about the asker crosses until they say yes); False when they
    were asked recently or are gone. Their yes/no arrives through `help_action`. `question` builds the
    message in the neighbour's language; whatever text it quotes must be approved or redacted."""
    profile = ctx.session.get(OfferProfile, neighbour_id)
    recently = profile is not None and profile.last_asked_at is not None and \
        profile.last_asked_at > ctx.now - timedelta(days=ctx.app.settings.ask_neighbour_every_days)
    neighbour = ctx.session.get(User, neighbour_id)
    if recently or neighbour is None:
        return False
    assert ctx.user.id is not None
    request = HelpRequest(idea_id=idea_id, initiator_id=ctx.user.id, neighbour_id=neighbour_id,
                          categories=categories, share_line=share_line, created_at=ctx.now)
    ctx.session.add(request)
    ctx.session.flush()
    if profile is None:
        profile = OfferProfile(user_id=neighbour_id, updated_at=ctx.now)
        ctx.session.add(profile)
    profile.last_asked_at = ctx.now
    notify(ctx.app, ctx.session, neighbour, lambda: question(request), kind="help_request", now=ctx.now,
           about=request.initiator_id)
    return True


def _question(app: App, idea: Idea, request: HelpRequest, gift: GiftOffer, names: list[str]) -> Reply:
    description = redact(shared_description(idea, request.share_line), names=names)
    return Reply(
        _("A neighbour in your neighbourhood has an idea and would like some help:") + "\n\n" + description
        + "\n\n" + _("I'm asking you because {why}. Would you like to help? Your name stays with me unless you "
                      "say yes.").format(why=why(app, gift)),
        (Context.action("help", "yes", request.id, label=_("Yes, I'd like to help"), family="yes"),
         Context.action("help", "no", request.id, label=_("Not this time"), family="no"),
         Context.action("help", "never", request.id, label=_("Don't ask me again"), family="never")),
    )


async def help_action(ctx: Context, args: list[str]) -> None:
    """`!help:<yes|no|never|msg>:<request>`: yes/no/never only the neighbour asked; msg both sides once accepted."""
    request = ctx.row(HelpRequest, args[1]) if len(args) == 2 else None
    verb = args[0] if args else ""
    if request is None or ctx.user.id not in (request.neighbour_id, request.initiator_id) or (
            verb != "msg" and ctx.user.id != request.neighbour_id):
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    if verb == "msg":
        if request.status != HelpRequestStatus.ACCEPTED:
            ctx.reply(_("Sorry, that is not something you can do."))
            return
        await ctx.start("helpmsg", "text", request=request.id)
        return
    if request.status != HelpRequestStatus.ASKED:
        ctx.reply(_("You already answered this one, thank you!"))
        return
    request.answered_at = ctx.now
    initiator = ctx.session.get(User, request.initiator_id)
    def what() -> str:  # in the language of whoever reads it
        return labels(ctx.app, request.categories) or _("your idea")

    if verb == "yes":
        request.status = HelpRequestStatus.ACCEPTED
        ctx.reply(_("Thank you, that's wonderful! Send the initiator a message through me:"),
                  [Context.action("help", "msg", request.id, label=_("✉️ Send a message"))])
        if initiator is not None:
            notify(ctx.app, ctx.session, initiator, lambda: Reply(
                _("Good news: a neighbour would like to help with {what}! Send them a message through me:")
                .format(what=what()),
                (Context.action("help", "msg", request.id, label=_("✉️ Send a message")),)),
                   now=ctx.now, kind="help_accepted")
    else:
        request.status = HelpRequestStatus.DECLINED
        if verb == "never":
            users_crud.withdraw_consent(ctx.session, user=ctx.user, purpose=ConsentPurpose.ASK_FOR_HELP)
            ctx.reply(_("Okay, I won't ask you again. You can change that with {cmd}.").format(cmd=cmd("toestemming")))
        else:
            ctx.reply(_("No problem, thanks for letting me know!"))
        if initiator is not None:
            notify(ctx.app, ctx.session, initiator, lambda: Reply(
                _("One of the neighbours can't help with {what} right now. That happens; I'll let you know if "
                  "someone else says yes.").format(what=what())), now=ctx.now, kind="help_declined")


@flow.ask("text")
async def ask_text(ctx: Context) -> None:
    ctx.reply(_("Type your message. I pass it on without your name or contact details; share those yourself "
                "if you both want to."))


@flow.answer("text", free_text=True, relay=True)
async def got_text(ctx: Context, msg: Incoming) -> None:
    request = ctx.session.get(HelpRequest, int(ctx.data["request"]))
    if msg.kind is not Kind.TEXT or not msg.text.strip() or request is None:
        await ctx.ask_current()
        return
    ctx.end()
    from_neighbour = ctx.user.id == request.neighbour_id
    await relay_to(ctx, other_id=request.initiator_id if from_neighbour else request.neighbour_id, text=msg.text,
                   heading="helper" if from_neighbour else "initiator",
                   answer=("help", "msg", request.id), kind="help_message")


async def gift_counts(ctx: Context) -> None:
    """/gaven: for aanjagers, how many neighbours offer what, without names."""
    wijken = ctx.organised_wijken()
    gifts = load_gifts(ctx.app.settings.content_dir)
    for wijk_id in wijken:
        lines = [_("Gifts in {wijk} (number of neighbours):").format(wijk=ctx.content.wijken[wijk_id].name)]
        for category_id, count in offers_crud.gift_counts(ctx.session, wijk_id=wijk_id):
            category = gifts.by_id(str(category_id))
            if category is not None:
                lines.append(f"• {category.label.get(current_locale())}: {count}")
        if len(lines) == 1:
            lines.append(_("No offers yet."))
        ctx.reply("\n".join(lines))
