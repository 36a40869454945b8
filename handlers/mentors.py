"""Examples and mentors: a new idea that resembles a shared success story (any wijk) gets the offer to talk to
someone who did it. Consent on both sides: the author agreed to be asked after their success, and says yes to
each introduction; names never cross, messages are relayed through the bot."""

from __future__ import annotations

from sqlmodel import Session

from bot.core.conversation import Context, Flow
from bot.core.events import Incoming, Kind, Reply
from bot.core.text import shorten
from bot.infra.crud import stories as stories_crud
from bot.infra.i18n import _
from bot.infra.models import Idea, MentorIntro, MentorIntroStatus, Story, User
from bot.services.notify import notify
from bot.services.relay import relay_to
from bot.understanding import latin_ukrainian, stemming

flow = Flow("mentor")
SIGNIFICANT = 5
"""Only longer words count as a resemblance ('moestuin', 'buurtfeest'), not 'voor' or 'with'."""


def similar_story(session: Session, idea: Idea) -> Story | None:
    """The public story (shared and approved by the aanjager), by an author who may be asked, that resembles
    the idea most: a theme and a word in common."""
    rows = stories_crud.mentor_stories(session, exclude_user=idea.user_id)
    said = latin_ukrainian.readable(f"{idea.text} {idea.picture}")
    words = {w for w in stemming.stems(said) if len(w) >= SIGNIFICANT}
    themes = set(idea.themes) - {"anders"}
    best: tuple[int, Story] | None = None
    for story, source in rows:
        raw = stemming.words_of(f"{story.text} {source.text}")
        shared_words = sum(1 for w in words if stemming.mentions(w, {stemming.stem(r) for r in raw}, raw))
        shared_themes = len(themes & set(source.themes))
        if shared_words and shared_themes and (best is None or shared_words + shared_themes > best[0]):
            best = (shared_words + shared_themes, story)
    return best[1] if best else None


def offer_text(ctx: Context, story: Story) -> str:
    wijk = ctx.content.wijken.get(story.wijk_id)
    return _("In {wijk}, neighbours did something like this: \"{story}\" Would you like to talk to someone who "
             "did it? I'll ask them first; names stay with me.").format(
        wijk=wijk.name if wijk else story.wijk_id, story=shorten(story.text, 100))


def introduce(ctx: Context, idea: Idea, story: Story) -> None:
    """The initiator said yes: ask the author, who decides."""
    mentor = ctx.session.get(User, story.user_id)
    assert idea.id is not None and story.id is not None and ctx.user.id is not None
    if mentor is None or mentor.unreachable:
        ctx.reply(_("Sorry, I can't reach that person anymore."))
        return
    intro = MentorIntro(story_id=story.id, idea_id=idea.id, initiator_id=ctx.user.id, mentor_id=story.user_id,
                        created_at=ctx.now)
    ctx.session.add(intro)
    ctx.session.flush()
    wijk = ctx.content.wijken.get(idea.wijk_id)
    wijk_name = wijk.name if wijk else idea.wijk_id
    text = shorten(idea.text, 150)
    notify(ctx.app, ctx.session, mentor, lambda: Reply(
        _("A resident of {wijk} has an idea like the one you made happen: \"{idea}\". Would you share a few tips? "
          "Your name stays with me; messages go through me.").format(wijk=wijk_name, idea=text),
        (Context.action("mentor", "yes", intro.id, label=_("Yes, happy to"), family="yes"),
         Context.action("mentor", "no", intro.id, label=_("Not now"), family="no"))),
           now=ctx.now, kind="mentor_request", about=idea.user_id)
    ctx.reply(_("I have asked them. They decide themselves; I'll let you know."))


async def mentor_action(ctx: Context, args: list[str]) -> None:
    """`!mentor:<yes|no|msg>:<intro>`: yes/no only the author asked; msg both sides once accepted."""
    intro = ctx.row(MentorIntro, args[1]) if len(args) == 2 else None
    verb = args[0] if args else ""
    allowed = intro is not None and (ctx.user.id == intro.mentor_id or (
        verb == "msg" and ctx.user.id == intro.initiator_id))
    if intro is None or not allowed or verb not in ("yes", "no", "msg"):
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    if verb == "msg":
        if intro.status != MentorIntroStatus.ACCEPTED:
            ctx.reply(_("Sorry, that is not something you can do."))
            return
        await ctx.start("mentor", "text", intro=intro.id)
        return
    if intro.status != MentorIntroStatus.ASKED:
        ctx.reply(_("You already answered this one, thank you!"))
        return
    initiator = ctx.session.get(User, intro.initiator_id)
    if verb == "yes":
        intro.status = MentorIntroStatus.ACCEPTED
        ctx.reply(_("Thank you, that's generous! Write your first tip or message; I'll pass it on without your "
                    "name."))
        await ctx.start("mentor", "text", intro=intro.id)
        return
    intro.status = MentorIntroStatus.DECLINED
    ctx.reply(_("No problem, thanks for letting me know!"))
    if initiator is not None:
        notify(ctx.app, ctx.session, initiator, lambda: Reply(
            _("The person who did it can't talk right now. That's okay; your idea goes on, and the connector also "
              "knows good examples.")), kind="mentor_declined", now=ctx.now)


@flow.ask("text")
async def ask_text(ctx: Context) -> None:
    ctx.reply(_("Type your message. I pass it on without your name or contact details."))


@flow.answer("text", free_text=True, relay=True)
async def got_text(ctx: Context, msg: Incoming) -> None:
    intro = ctx.session.get(MentorIntro, int(ctx.data["intro"]))
    if msg.kind is not Kind.TEXT or not msg.text.strip() or intro is None:
        await ctx.ask_current()
        return
    ctx.end()
    from_mentor = ctx.user.id == intro.mentor_id
    await relay_to(ctx, other_id=intro.initiator_id if from_mentor else intro.mentor_id, text=msg.text,
                   heading="mentor_tips" if from_mentor else "mentor_question",
                   answer=("mentor", "msg", intro.id), kind="mentor_message")
