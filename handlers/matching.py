"""Neighbours who can help: needs of an idea meet the offers of neighbours in the same wijk.

Double opt-in: the bot asks the neighbour first, with only a short description of the idea; only after
their yes do the two talk, through the bot. Nobody's name or details cross without consent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from sqlmodel import Session, col, select

from bot.app import App
from bot.commands import cmd
from bot.conversation import Context, Flow
from bot.crud import checkins as checkins_crud
from bot.crud import outbox as outbox_crud
from bot.crud import users as users_crud
from bot.events import Incoming, Kind, Reply
from bot.gifts import load_gifts
from bot.i18n import _, current_locale, use_locale
from bot.models import (
    Consent,
    ConsentPurpose,
    HelpRequest,
    HelpRequestStatus,
    Idea,
    Offer,
    OfferProfile,
    User,
)
from handlers import aanjagers

flow = Flow("helpmsg")
MAX_ASKED = 3


def _labels(app: App, categories: list[str]) -> str:
    gifts = load_gifts(app.settings.content_dir)
    return ", ".join(c.label.get(current_locale()) for c in (gifts.by_id(i) for i in categories) if c)


def idea_categories(app: App, idea: Idea) -> list[str]:
    gifts = load_gifts(app.settings.content_dir)
    wanted = gifts.for_needs(idea.needs) if idea.needs else []
    from_text = gifts.in_text(idea.text)
    useful = {c.id for c in gifts.categories if c.kind in ("hands", "lend")}
    return [c for c in dict.fromkeys([*from_text, *wanted]) if c in useful]


def candidates(session: Session, app: App, idea: Idea) -> dict[int, list[str]]:
    """Neighbours in the idea's wijk who agreed to be asked, with the categories they share with it."""
    return offering(session, wijk_id=idea.wijk_id, categories=idea_categories(app, idea), exclude=idea.user_id)


def offering(session: Session, *, wijk_id: str, categories: list[str], exclude: int | None) -> dict[int, list[str]]:
    """Neighbours in a wijk who offer one of these gifts and agreed to be asked, with the gifts they offer."""
    if not categories:
        return {}
    rows = session.exec(
        select(Offer.user_id, Offer.category)
        .join(User, col(User.id) == col(Offer.user_id))
        .join(Consent, col(Consent.user_id) == col(Offer.user_id))
        .where(col(Offer.category).in_(categories), User.wijk_id == wijk_id, col(User.id) != exclude,
               col(User.unreachable).is_(False), Consent.purpose == ConsentPurpose.ASK_FOR_HELP))
    found: dict[int, list[str]] = {}
    for user_id, category in rows:
        if category and category not in found.setdefault(user_id, []):
            found[user_id].append(category)
    return found


def suggest(ctx: Context, idea: Idea) -> None:
    """After a handover: tell the initiator, without names, that neighbours could help."""
    found = candidates(ctx.session, ctx.app, idea)
    if not found:
        return
    shared = sorted({c for cats in found.values() for c in cats})
    ctx.reply(_("Good to know: there are neighbours who could help with {what}. Shall I ask them? "
                "I won't share your name; they decide themselves.").format(what=_labels(ctx.app, shared)),
              [Context.action("match", "ask", idea.id, label=_("Yes, ask them"), family="yes"),
               Context.action("match", "no", idea.id, label=_("No, thanks"), family="no")])


async def match_action(ctx: Context, args: list[str]) -> None:
    """`!match:<ask|no>:<idea>`: only the initiator."""
    idea = ctx.row(Idea, args[1]) if len(args) == 2 else None
    if idea is None or idea.user_id != ctx.user.id:
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    if args[0] != "ask":
        ctx.reply(_("Okay! You can always ask again later via {cmd}.").format(cmd=cmd("mijnideeen")))
        return
    asked = 0
    for neighbour_id, shared in candidates(ctx.session, ctx.app, idea).items():
        if asked >= MAX_ASKED:
            break
        existing = ctx.session.exec(select(HelpRequest).where(
            HelpRequest.idea_id == idea.id, HelpRequest.neighbour_id == neighbour_id)).first()
        if existing is not None:
            continue
        assert idea.id is not None
        if ask(ctx, neighbour_id, shared, lambda request: _question(ctx.app, idea, request), idea_id=idea.id):
            asked += 1
    if asked:
        ctx.reply(_("I asked {n} neighbour(s). As soon as someone says yes, I'll put you in touch through me.")
                  .format(n=asked))
    else:
        ctx.reply(_("The neighbours who could help were already asked recently. I'm sorry; try again in a week, "
                    "or ask your contact person."))


def ask(ctx: Context, neighbour_id: int, categories: list[str], question: Callable[[HelpRequest], Reply], *,
        idea_id: int | None = None) -> bool:
    """Asks one neighbour (double opt-in: nothing about the asker crosses until they say yes); False when they
    were asked recently or are gone. Their yes/no arrives through `help_action`."""
    profile = ctx.session.get(OfferProfile, neighbour_id)
    recently = profile is not None and profile.last_asked_at is not None and \
        profile.last_asked_at > ctx.now - timedelta(days=ctx.app.settings.ask_neighbour_every_days)
    neighbour = ctx.session.get(User, neighbour_id)
    if recently or neighbour is None:
        return False
    assert ctx.user.id is not None
    request = HelpRequest(idea_id=idea_id, initiator_id=ctx.user.id, neighbour_id=neighbour_id,
                          categories=categories, created_at=ctx.now)
    ctx.session.add(request)
    ctx.session.flush()
    if profile is None:
        profile = OfferProfile(user_id=neighbour_id, updated_at=ctx.now)
        ctx.session.add(profile)
    profile.last_asked_at = ctx.now
    not_before = checkins_crud.after_quiet_hours(ctx.now, settings=ctx.app.settings)
    ctx.notify(neighbour, lambda: question(request), kind="help_request", not_before=not_before)
    return True


def labels(app: App, categories: list[str]) -> str:
    return _labels(app, categories)


def _question(app: App, idea: Idea, request: HelpRequest) -> Reply:
    return Reply(
        _("A neighbour in your neighbourhood has an idea: \"{idea}\". It could use help with {what} — "
          "that is what you offered. Would you like to help? Your name stays with me unless you say yes.")
        .format(idea=idea.text[:200], what=_labels(app, request.categories)),
        (Context.action("help", "yes", request.id, label=_("Yes, I'd like to help"), family="yes"),
         Context.action("help", "no", request.id, label=_("Not this time"), family="no"),
         Context.action("help", "never", request.id, label=_("Don't ask me again"))),
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
    what = _labels(ctx.app, request.categories)
    if verb == "yes":
        request.status = HelpRequestStatus.ACCEPTED
        ctx.reply(_("Thank you, that's wonderful! Send the initiator a message through me:"),
                  [Context.action("help", "msg", request.id, label=_("✉️ Send a message"))])
        if initiator is not None:
            ctx.notify(initiator, lambda: Reply(
                _("Good news: a neighbour would like to help with {what}! You both have '{what}' in common. "
                  "Send them a message through me:").format(what=what),
                (Context.action("help", "msg", request.id, label=_("✉️ Send a message")),)), kind="help_accepted")
    else:
        request.status = HelpRequestStatus.DECLINED
        if verb == "never":
            users_crud.withdraw_consent(ctx.session, user=ctx.user, purpose=ConsentPurpose.ASK_FOR_HELP)
            ctx.reply(_("Okay, I won't ask you again. You can change that with {cmd}.").format(cmd=cmd("toestemming")))
        else:
            ctx.reply(_("No problem, thanks for letting me know!"))
        if initiator is not None:
            ctx.notify(initiator, lambda: Reply(
                _("One of the neighbours can't help with {what} right now. That happens; I'll let you know if "
                  "someone else says yes.").format(what=what)), kind="help_declined")


@flow.ask("text")
async def ask_text(ctx: Context) -> None:
    ctx.reply(_("Type your message. I pass it on without your name or contact details; share those yourself "
                "if you both want to."))


@flow.answer("text", free_text=True)
async def got_text(ctx: Context, msg: Incoming) -> None:
    request = ctx.session.get(HelpRequest, int(ctx.data["request"]))
    if msg.kind is not Kind.TEXT or not msg.text.strip() or request is None:
        await ctx.ask_current()
        return
    ctx.end()
    from_neighbour = ctx.user.id == request.neighbour_id
    other = ctx.session.get(User, request.initiator_id if from_neighbour else request.neighbour_id)
    if other is None:
        ctx.reply(_("Sorry, I can't reach that person anymore."))
        return
    text = msg.text.strip()[:2000]

    def relayed() -> Reply:
        head = (_("Message from the neighbour who wants to help:") if from_neighbour
                else _("Message from the neighbour with the idea:"))
        return Reply(f"{head}\n\n“{text}”", (Context.action("help", "msg", request.id, label=_("↩️ Answer")),))

    ctx.notify(other, relayed, kind="help_message")
    ctx.reply(_("Sent! I'll pass on the answer."))


async def expire_requests(app: App) -> None:
    """Periodic job: no answer in time → nothing crosses, and the initiator hears it honestly."""
    now = app.clock.now()
    with Session(app.engine, expire_on_commit=False) as session:
        overdue = session.exec(select(HelpRequest).where(
            HelpRequest.status == HelpRequestStatus.ASKED,
            col(HelpRequest.created_at) < now - timedelta(days=app.settings.help_request_days)).limit(200))
        for request in overdue:
            request.status = HelpRequestStatus.EXPIRED
            initiator = session.get(User, request.initiator_id)
            if initiator is None:
                continue
            with use_locale(initiator.locale):
                reply = Reply(_("A neighbour I asked about {what} hasn't answered. That's okay, people are busy. "
                                "Your contact person can help you further.").format(
                    what=_labels(app, request.categories)))
            outbox_crud.enqueue(session, user=initiator, reply=reply, kind="help_expired", now=now)
        session.commit()
    app.wake_delivery()


async def gift_counts(ctx: Context) -> None:
    """/gaven: for aanjagers, how many neighbours offer what, without names."""
    wijken = aanjagers.wijken_of(ctx)
    if not wijken:
        aanjagers.refuse(ctx)
        return
    gifts = load_gifts(ctx.app.settings.content_dir)
    for wijk_id in wijken:
        rows = ctx.session.exec(select(Offer.category, Offer.user_id).join(User, col(User.id) == col(Offer.user_id))
                                .where(User.wijk_id == wijk_id, col(Offer.category).is_not(None)))
        counts = Counter(category for category, _user in set(rows))
        lines = [_("Gifts in {wijk} (number of neighbours):").format(wijk=ctx.content.wijken[wijk_id].name)]
        for category_id, count in counts.most_common():
            category = gifts.by_id(str(category_id))
            if category is not None:
                lines.append(f"• {category.label.get(current_locale())}: {count}")
        if len(lines) == 1:
            lines.append(_("No offers yet."))
        ctx.reply("\n".join(lines))
