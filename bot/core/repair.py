"""Between the questions: every typed message passes here before a step or the free-text intents see it.

Safety first (bot/understanding/safety.py: a serious, warm reply with where to get help now, never a menu, the
open question kept for later), then the dialogue act (bot/understanding/dialogue_acts.py) decides: an answer goes
on to the step (or picks the option it names in more words); everything else is handled here, once, for every
flow — the repair patterns:

- correction: the flow applies it to that slot (`@flow.correct`), says so in one line, and the open question is
  asked again; a flow that cannot apply it goes back to that question and then on to where the resident was;
- question: answered by the topic's function (`Registry.topics`, bot/services/topics.py), then the interrupted
  question again;
- cancel (with the flow's `on_cancel`), back, resume ("waar was ik"), pause ("later verder", the question stays);
- another feature (erase my data, language, stop the news, ...): its command, then back to the question;
- handoff (a person of the wijk), chitchat (a short human reply), unclear (one short question, never a guess);
- explain ("wat bedoel je?", "snap ik niet"): the open question in other words (the step's `@flow.explain`, else
  what kind of answer it takes), then the question again; after a safety reply, what "are you safe" asks;
- an answer that names none of the options of a question that needs one: the step's `@flow.unmatched` when it
  has one ("benedenbuurt" at the wijk question), else the dispatcher's short "I didn't get that".
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.core.commands import cmd
from bot.core.conversation import ASKED, FOLLOW_UP, NAMED, RESUME_AT, Context, Step, asked_steps
from bot.core.events import Choice, Incoming, Kind
from bot.infra.crud import prompts as prompts_crud
from bot.infra.helplines import load_helplines
from bot.infra.i18n import _, current_locale, use_locale
from bot.understanding import answers, intents, language_id, safety
from bot.understanding import dialogue_acts as acts
from bot.understanding.dialogue_acts import Act, Situation
from bot.understanding.language_requests import request_in
from bot.understanding.phrases import fold


class Routes(Protocol):
    """What the repair layer needs of the dispatcher: picking options, running a command."""

    async def picked(self, ctx: Context, incoming: Incoming, picks: tuple[str, ...]) -> None: ...

    async def run_command(self, ctx: Context, name: str, *, known_only: bool = True) -> None: ...

log = logging.getLogger(__name__)

SAFETY = "_safety"
"""In the conversation's data: when the last safety reply was given (never what was written)."""
SAFETY_FOLLOW_UP = timedelta(hours=12)
PAUSED = "_paused"
"""In the conversation's data right after "later verder": the step paused at, where the next "continue" shows the
question again (it picks no "Just go on")."""
AFTER = "_after"
"""In the conversation's data when no question is open: the flow that just ended (a correction may name it)."""
STOPPED = "_stopped"
"""In the conversation's data right after "laat maar": the flow that was stopped; "actually yes the pub quiz" next takes
that back."""
FEATURE_COMMANDS = {"erase": "vergeetmij", "export": "mijngegevens", "unsubscribe": "stop", "language": "taal",
                    "wijk": "wijk", "my_ideas": "mijnideeen", "my_offers": "mijnaanbod"}
FREE_TEXT_TOPICS = ("whats_on", "places", "lost", "other", "waiting")
"""Questions with no question open that the free-text intents answer (places, activities, who to ask: "wie moet ik
bellen over de kapotte schommel?" is for the meldpunt, not about waiting for a reaction)."""
VAGUE_TOPICS = ("lost", "next", "other")
"""Questions about nothing in particular ("wat moet ik doen?", "en nu?"): right after a topic's answer, about that."""
SAFE_WORDS = ("veilig", "safe", "ben oke", "gaat wel", "im ok", "i am ok", "im okay", "i am okay", "im fine",
              "guvendeyim", "guvende", "iyiyim", "bir sey yok",
              "بامان", "امان", "بخير", "لاباس", "labas", "bikhir", "mzyan",
              "bezpieczna", "bezpieczny", "bezpiecznie", "w porzadku", "nic mi nie jest", "juz dobrze",
              "безпеці", "безпечно", "все добре", "усе добре", "гаразд", "нормально")
"""Folded (no accents; Turkish ı and Polish ł plain, Arabic letter variants as one)."""
UNSAFE_WORDS = ("niet veilig", "not safe", "onveilig", "unsafe", "nee", "no",
                "guvende degilim", "guvende degil",
                "لست بامان", "ماشي بامان", "مش بامان", "ma mzyanch",
                "nie jestem bezpieczna", "nie jestem bezpieczny", "niebezpiecznie",
                "не в безпеці", "не безпечно")


def situation(ctx: Context) -> Situation:
    """What the dispatcher knows where a message is typed, for the dialogue-act classifier."""
    conversation = ctx.conversation
    options = tuple(answers.options_from_rows(conversation.choices))
    assert ctx.user.id is not None
    prompts = tuple(tuple(answers.options_from_rows(p.options))
                    for p in prompts_crud.open_prompts(ctx.session, user_id=ctx.user.id, now=ctx.now))
    flow = ctx.registry.flows.get(conversation.flow) if conversation.flow else None
    step = flow.steps.get(conversation.step) if flow is not None and conversation.step else None
    if flow is None or step is None or conversation.step is None:
        after = conversation.data.get(AFTER) if conversation.flow is None else None
        ended = ctx.registry.flows.get(after) if isinstance(after, str) else None
        return Situation(options=options, prompts=prompts, after=ended.name if ended else None,
                         corrects=ended.correctable(None) if ended else (), locale=current_locale())
    history = [s for s in asked_steps(conversation) if s in flow.steps]
    previous = next((flow.steps[s].slot for s in reversed(history) if flow.steps[s].slot), None)
    ahead = tuple(slot for slot, name in flow.slots.items() if name not in history and name != conversation.step)
    given = flow.given(ctx) if flow.given is not None else {}
    return Situation(step=f"{flow.name}:{conversation.step}", options=options, free_text=step.free_text,
                     multi=step.multi, slot=step.slot, corrects=flow.correctable(conversation.step),
                     relay=step.relay, prompts=prompts, previous=previous, ahead=ahead,
                     named=tuple(str(p) for p in conversation.data.get(NAMED) or ()),
                     given=tuple((slot, text) for slot, text in given.items() if text), locale=current_locale(),
                     paused=conversation.data.get(PAUSED) == conversation.step)


def restore(ctx: Context, paused: dict[str, Any]) -> None:
    """The conversation as it was before something interrupted it (a flow, its step and its data)."""
    ctx.conversation.flow = str(paused["flow"])
    ctx.conversation.step = str(paused["step"])
    ctx.conversation.data = dict(paused.get("data") or {})


def _takes_text(step: Step, text: str) -> bool:
    free = step.free_text
    return free is True or (callable(free) and bool(free(text)))


class Repair:
    """The repair layer of one dispatcher (see the module docstring)."""

    def __init__(self, dispatcher: Routes) -> None:
        self.dispatcher = dispatcher

    @staticmethod
    def lexicon(ctx: Context) -> acts.Lexicon:
        return acts.load_lexicon(ctx.app.settings.content_dir)

    async def listen(self, ctx: Context, incoming: Incoming) -> bool:
        """Handles a typed message that is not an answer; True when it was handled here. An answer goes on to the
        dispatcher's usual path (False), or is picked here when it names an option in more words."""
        text = incoming.text
        act = acts.classify(text, situation(ctx), self.lexicon(ctx))
        ctx.forget(PAUSED)
        if ctx.app.settings.log_text:
            log.debug("dialogue act %s", act.explain())
        if act.name == acts.CRISIS:
            await self.safety_first(ctx, act)
            return True
        if await self._safety_follow_up(ctx, text, act):
            return True
        if await self._follow_up(ctx, text, act):
            return True
        handle = getattr(self, f"_{act.name}")
        handled: bool = await handle(ctx, incoming, act)
        return handled

    # --- safety ---------------------------------------------------------------------------------------------------
    async def safety_first(self, ctx: Context, act: Act) -> None:
        """A serious, warm, short reply with where to get help now; the open question stays for later; what was
        written is not stored anywhere (the log says only that a safety reply was given). It is written in the
        message's own language when that is clearly another of the bot's languages than the resident's (someone
        who chose Dutch may not read it when it matters most); the resident's language stays as it was."""
        assert act.crisis is not None
        log.warning("safety reply given (%s)", ", ".join(act.crisis.kinds))
        other = language_id.written_in(ctx.incoming.text, other_than=current_locale(), confidence=language_id.SWITCH)
        with use_locale(other or current_locale()):
            self._safety_reply(ctx, act.crisis.kinds)
        ctx.remember(**{SAFETY: ctx.now.isoformat()})

    def _safety_reply(self, ctx: Context, kinds: tuple[str, ...]) -> None:
        if "danger" in kinds:
            opening = _("That sounds like an emergency. Please get help right away.")
        elif "violence" in kinds:
            opening = _("Thank you for telling me. You deserve to be safe, and you don't have to face this alone.")
        else:
            opening = _("I'm really glad you told me. That sounds very heavy, and you don't have to carry it alone.")
        country = load_helplines(ctx.app.settings.content_dir).country()
        locale = current_locale()
        lines = [opening, "", _("You can reach someone right now:")]
        lines += [f"• {line.text.get(locale)}" for line in country.for_kinds(kinds)]
        lines += ["", _("Are you safe right now?")]
        choices: list[Choice] = []
        welfare = self._welfare_contact(ctx)
        if welfare is not None:
            lines.append(_("If you like, I can also put you in touch with {name} ({organisation}), who works in your "
                           "neighbourhood.").format(name=welfare.name, organisation=welfare.organisation_label()))
            choices.append(Context.action("handoff", welfare.id,
                                          label=_("💛 Put me in touch with {name}").format(name=welfare.name)))
        ctx.reply("\n".join(lines), choices)

    def _welfare_contact(self, ctx: Context) -> Any:
        wijk = ctx.user.wijk_id
        if wijk is None:
            return None
        found = ctx.content.contacts_with_role(wijk, "welzijn") or [ctx.content.fallback_contact(wijk)]
        return found[0]

    async def _safety_follow_up(self, ctx: Context, text: str, act: Act) -> bool:
        """The answer to "are you safe right now?", the message after a safety reply."""
        given = ctx.conversation.data.get(SAFETY)
        if not isinstance(given, str):
            return False
        ctx.forget(SAFETY)
        if ctx.now - datetime.fromisoformat(given) > SAFETY_FOLLOW_UP or act.picks:
            return False
        if act.name == acts.EXPLAIN:
            ctx.reply(_("I asked whether you are safe at this moment: whether you, or someone else, could get hurt "
                        "right now. A short yes or no is enough. If there is danger now, call 112."))
            ctx.remember(**{SAFETY: given})
            return True
        folded = fold(text)
        unsafe = any(f" {w} " in f" {folded} " for w in UNSAFE_WORDS) or answers.family_of(text, "no")
        safe = any(f" {w} " in f" {folded} " for w in SAFE_WORDS) or answers.family_of(text, "yes")
        if unsafe:
            country = load_helplines(ctx.app.settings.content_dir).country()
            acute = [line.text.get(current_locale()) for line in country.helplines if line.acute]
            ctx.reply(_("Please call for help now, you don't have to wait until it gets worse:") + "\n"
                      + "\n".join(f"• {line}" for line in acute))
            ctx.remember(**{SAFETY: ctx.now.isoformat()})
            return True
        if safe:
            ctx.reply(_("I'm glad you're safe right now. The numbers above are there day and night, also later. "
                        "Whenever you want to go on with what we were doing, just type \"{word}\".")
                      .format(word=_("continue")))
            return True
        if act.name in (acts.ANSWER, acts.UNCLEAR, acts.CHITCHAT) \
                and safety.concern(text, self.lexicon(ctx).signals) >= safety.FOLLOW_UP_CONCERN:
            # neither safe nor unsafe, no command, and still about what was told ("I have a knife in the kitchen
            # and I'm waiting for him"): never taken as the open question's answer nor met with the menu
            ctx.reply(_("I'm still here for you. If you or someone else could get hurt right now, call 112 straight "
                        "away; the numbers above are there day and night. Whenever you want to go on with what we "
                        "were doing, just type \"{word}\".").format(word=_("continue")))
            return True
        return False

    def asks(self, ctx: Context, text: str) -> bool:
        """A question ("yo wat kan je eigenlijk"): where no question of a conversation is open, it picks a command of
        the menu only by that command's own words; the free-text intents read the rest, not "Wat ik kan bieden"."""
        return acts.asks(text, self.lexicon(ctx))

    @staticmethod
    def not_typed(ctx: Context) -> None:
        """A button or a command is the message after a topic's answer too: the follow-up was only for that one."""
        if FOLLOW_UP in ctx.conversation.data:
            ctx.forget(FOLLOW_UP)

    @staticmethod
    async def _follow_up(ctx: Context, text: str, act: Act) -> bool:
        """A vague question right after a topic's answer ("wat moet ik doen?" after where to report something
        broken): that topic answers it, knowing it was asked right after (FOLLOW_UP is still there)."""
        topic = ctx.conversation.data.get(FOLLOW_UP)
        if topic is None:
            return False
        answer = ctx.registry.topics.get(str(topic))
        vague = act.name == acts.QUESTION and act.topic in VAGUE_TOPICS and not act.also
        followed = answer if vague and ctx.conversation.flow is None else None
        if followed is not None:
            await followed(ctx, text)
        ctx.forget(FOLLOW_UP)
        return followed is not None

    # --- answers ----------------------------------------------------------------------------------------------------
    async def _answer(self, ctx: Context, incoming: Incoming, act: Act) -> bool:
        if act.confirm is not None:
            option = act.confirm
            ctx.reply(_("Do you mean {option}?").format(option=option.label),
                      [Choice(option.data, _("Yes, {option}").format(option=option.label), "yes"),
                       *(Choice(o.data, o.label, o.family)
                         for o in answers.options_from_rows(ctx.conversation.choices) if o.data != option.data)])
            return True
        if act.picks and not incoming.reply_to:  # a reply to an older message: its own options decide
            await self.dispatcher.picked(ctx, incoming, act.picks)
            return True
        step = ctx.open_step
        if act.unmatched and step is not None and step.unmatched is not None and not incoming.reply_to:
            await step.unmatched(ctx, incoming)
            return True
        return False

    async def _explain(self, ctx: Context, incoming: Incoming, act: Act) -> bool:
        """"Wat bedoel je precies?": the open question in other words, then the question again."""
        step = ctx.open_step
        if step is None:
            return self._explain_last_question(ctx)
        if step.explain is not None:
            ctx.reply(step.explain(ctx))
        elif step.free_text is True or not ctx.conversation.choices:
            ctx.reply(_("There is no wrong answer here: tell me in your own words, a few words are enough."))
        else:
            ctx.reply(_("Here is my question again. Choose the option that fits you best: tap it, type its number, or "
                        "say it in your own words."))
        await ctx.ask_current()
        return True

    @staticmethod
    def _explain_last_question(ctx: Context) -> bool:
        """"Wat betekent dat?" with no question open: what the bot last asked, and its options again; without a
        question asked, the free-text intents say what the bot can do."""
        asked = ctx.conversation.data.get(ASKED)
        if not isinstance(asked, str):
            return False
        options = answers.options_from_rows(ctx.conversation.choices)
        if options:
            ctx.reply(_("I asked: \u201c{question}\u201d You can choose one of these options, or tell me in your own "
                        "words what you are looking for.").format(question=asked),
                      [Choice(o.data, o.label, o.family) for o in options])
        else:
            ctx.reply(_("I asked: \u201c{question}\u201d There is no wrong answer: tell me in your own words, a few "
                        "words are enough.").format(question=asked))
        ctx.keep_choices = True
        return True

    async def _unclear(self, ctx: Context, incoming: Incoming, act: Act) -> bool:
        step = ctx.open_step
        if step is not None and acts.gibberish(incoming.text):  # "asdfgh", "kkkkk": never an answer, never a guess
            ctx.reply(_("Oops, I couldn't read that. What do you mean?"))
            await ctx.ask_current()
            return True
        if step is not None and step.multi and step.free_text is not True \
                and answers.family_of(acts.without_laughter(incoming.text), "yes"):  # "ok" with nothing ticked
            ctx.reply(_("Nothing is ticked yet. Choose what fits (one or more), or \u201cDone\u201d when nothing "
                        "does."))
            await ctx.ask_current()
            return True
        if step is not None and step.explain is not None and not step.small_talk \
                and any(c.isalpha() for c in incoming.text) \
                and not _takes_text(step, incoming.text) and not answers.family_of(incoming.text, "yes"):
            ctx.with_options_again(step.explain(ctx))  # "geen idee eig" at "is that right?": in other words
            return True
        if step is None or step.small_talk or not _takes_text(step, incoming.text) \
                or answers.family_of(incoming.text, "yes"):
            # the dispatcher asks which option is meant, or lists them again, or asks for own words; with no
            # question open the free-text intents say they are not sure, with what the bot can do
            return False
        ctx.reply(_("I'm not sure what you mean. Could you say it in other words, or choose one of the options?"))
        await ctx.ask_current()
        return True

    # --- corrections -----------------------------------------------------------------------------------------------
    async def _correction(self, ctx: Context, incoming: Incoming, act: Act) -> bool:
        slot = act.slot or ""
        conversation = ctx.conversation
        open_flow = ctx.registry.flows.get(conversation.flow) if conversation.flow else None
        after = conversation.data.get(AFTER) if open_flow is None else None
        flow = open_flow or (ctx.registry.flows.get(after) if isinstance(after, str) else None)
        owners = [f for f in ([flow] if flow else []) if slot in f.corrections]
        owners += [f for f in ctx.registry.flows.values() if slot in f.corrections and f not in owners
                   and slot in acts.GLOBAL_SLOTS]
        for owner in owners:
            said = await owner.corrections[slot](ctx, incoming.text)
            if said is not None:
                if said:
                    ctx.reply(said)
                if conversation.flow is not None:
                    await ctx.ask_current()
                return True
        asked = asked_steps(conversation)
        if open_flow is not None and slot in open_flow.slots and conversation.step is not None \
                and open_flow.slots[slot] in asked:
            here = conversation.step
            ctx.reply(_("Let's fix that. Tell me again:"))
            await ctx.goto(open_flow.slots[slot])
            ctx.remember(**{RESUME_AT: here})
            return True
        if open_flow is not None:
            return False  # an answer not given yet: it may be the answer to this question
        if after is not None and conversation.data.get(STOPPED) == after and ctx.registry.resume is not None \
                and ctx.user.onboarded:  # "actually yes the pub quiz" right after "laat maar": the stop taken back
            await ctx.registry.resume(ctx)
            return True
        ctx.reply(_("I'm not sure which answer you want to change. Type {cmd} to see your ideas, or tell me again.")
                  .format(cmd=cmd("mijnideeen")))
        return True

    # --- digressions -------------------------------------------------------------------------------------------------
    async def _question(self, ctx: Context, incoming: Incoming, act: Act) -> bool:
        answer = ctx.registry.topics.get(act.topic or "other") or ctx.registry.topics.get("other")
        if answer is None:
            return False
        if ctx.conversation.flow is None and act.topic in FREE_TEXT_TOPICS and ctx.user.onboarded and not act.also:
            meant = intents.classify(incoming.text, intents.load(ctx.app.settings.content_dir)).intent
            if act.topic in ("other", "lost") \
                    or meant not in (intents.NONE, intents.IDEA, intents.GREETING, intents.THANKS):
                return False  # with no question open, the free-text intents know these (who to ask, places, ...)
        await answer(ctx, incoming.text)
        for topic in act.also:  # "wat is er deze week en wie ziet mijn oproep?": every question answered
            more = ctx.registry.topics.get(topic)
            if more is not None:
                said = {reply.text for reply in ctx.replies}
                before = len(ctx.replies)
                await more(ctx, incoming.text)
                ctx.replies[before:] = [r for r in ctx.replies[before:] if r.text not in said]  # said once is enough
        await self._back_to_question(ctx)
        return True

    async def _back_to_question(self, ctx: Context) -> None:
        if ctx.conversation.flow is not None:
            ctx.reply(_("Back to where we were:"))
            await ctx.ask_current()

    async def _handoff(self, ctx: Context, incoming: Incoming, act: Act) -> bool:
        if ctx.registry.handoff is None:
            return False
        await ctx.registry.handoff(ctx)
        await self._back_to_question(ctx)
        return True

    async def _feature(self, ctx: Context, incoming: Incoming, act: Act) -> bool:
        feature = act.feature or ""
        if feature == "language" and (found := request_in(incoming.text)) is not None:
            code = found[0]  # also inside a sentence: "hi there, i'm new here, do you speak english?"
            ctx.incoming = replace(incoming, kind=Kind.COMMAND, command="taal", args=(code,))
            await self.dispatcher.run_command(ctx, "taal")
            return True
        if feature == "language":
            topic, _found = acts.topic_of(incoming.text, self.lexicon(ctx), keywords=False)
            if topic in ("whats_on", "places"):  # "anything on this week tho? in english ideally": not a switch
                return await self._question(ctx, incoming, replace(act, name=acts.QUESTION, topic=topic))
        name = FEATURE_COMMANDS.get(feature)
        conversation = ctx.conversation
        paused: dict[str, Any] | None = (
            {"flow": conversation.flow, "step": conversation.step, "data": dict(conversation.data)}
            if conversation.flow is not None else None)
        if name is None:  # another feature in words ("ik wil een activiteit aanmaken"): the free-text intents
            if paused is not None or ctx.registry.free_text is None:
                return False
            await ctx.registry.free_text(ctx, incoming.text)
            return True
        await self.dispatcher.run_command(ctx, name)
        if paused is None or ctx.forgotten:
            return True
        if conversation.flow is None:  # done at once (/mijnideeen, /stop): back to the question
            restore(ctx, paused)
            await self._back_to_question(ctx)
        elif (conversation.flow, conversation.step) == (paused["flow"], paused["step"]):
            await self._back_to_question(ctx)  # shown beside the question ("hatirlatmalari kapat", my offers)
        elif "resume" not in conversation.data:
            ctx.interrupted_by(paused)
        return True

    # --- moving through the conversation ---------------------------------------------------------------------------
    async def _cancel(self, ctx: Context, incoming: Incoming, act: Act) -> bool:
        if act.picks:  # the question's own "never mind" option: the step says what it means there
            await self.dispatcher.picked(ctx, incoming, act.picks)
            return True
        conversation = ctx.conversation
        flow = ctx.registry.flows.get(conversation.flow) if conversation.flow else None
        if flow is None:
            ctx.reply(_("Okay! Nothing is open right now. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))
            return True
        here = (conversation.flow, conversation.step)
        if flow.on_discard is not None and acts.discards(incoming.text, self.lexicon(ctx)):
            await flow.on_discard(ctx)  # "gooi maar weg dat hele idee": thrown away, not kept as a draft
        elif flow.on_cancel is not None:
            await flow.on_cancel(ctx)
        else:
            ctx.reply(_("Okay, I stopped that. Type {cmd} to see what else I can do.").format(cmd=cmd("menu")))
        if (conversation.flow, conversation.step) == here:
            ctx.end()
        if conversation.flow is None and not conversation.data:
            ctx.remember(**{STOPPED: here[0]})
        return True

    async def _back(self, ctx: Context, incoming: Incoming, act: Act) -> bool:
        if ctx.conversation.flow is None:
            return False
        if not await ctx.back():
            ctx.reply(_("This is the first question, there is no step back."))
            await ctx.ask_current()
        return True

    async def _resume(self, ctx: Context, incoming: Incoming, act: Act) -> bool:
        if ctx.conversation.flow is not None:
            ctx.reply(_("We were here:"))
            await ctx.ask_current()
            return True
        if ctx.registry.resume is None or not ctx.user.onboarded:
            return False
        await ctx.registry.resume(ctx)
        return True

    async def _pause(self, ctx: Context, incoming: Incoming, act: Act) -> bool:
        if ctx.conversation.flow is None:
            ctx.reply(_("Take your time! I'm here whenever you want."))
            return True
        ctx.reply(_("Fine, we'll continue later. I'll keep what you told me so far. When you're back, just answer "
                    "the question or type \"{word}\".").format(word=_("continue")))
        ctx.keep_choices = True
        ctx.remember(**{PAUSED: ctx.conversation.step})
        return True

    async def _chitchat(self, ctx: Context, incoming: Incoming, act: Act) -> bool:
        step = ctx.open_step
        if step is None:
            meant = intents.classify(incoming.text, intents.load(ctx.app.settings.content_dir)).intent
            if meant != intents.NONE:
                return False  # greetings and thanks have their own answers among the free-text intents
            ctx.reply("🙂")
            return True
        if step.small_talk:
            return False
        if step.multi and step.answer is not None and answers.family_of(incoming.text, "yes"):
            await step.answer(ctx, replace(incoming, kind=Kind.CHOICE, choice="done"))  # "ja prima" after ticking
            return True
        ctx.reply("🙂")
        await ctx.ask_current()
        return True
