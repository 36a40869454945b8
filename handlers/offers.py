"""/aanbod: what you care about (heart), know (head), can do (hands) and would lend; what you'd like to
learn; how often you could help; and whether I may ask you when a neighbour's idea needs exactly this."""

from __future__ import annotations

from bot.core.commands import cmd
from bot.core.conversation import Context, Flow
from bot.core.events import Choice, Incoming, Kind
from bot.infra.crud import offers as offers_crud
from bot.infra.crud import users as users_crud
from bot.infra.i18n import N_, _, current_locale, ngettext
from bot.infra.models import ConsentPurpose, Offer, OfferProfile
from bot.understanding import answers, routing
from bot.understanding.gifts import GiftCategory, Gifts, load_gifts
from bot.understanding.idea_words import load_idea_words
from bot.understanding.intents import CONTENT
from bot.understanding.people import LIST
from bot.understanding.phrases import fold

flow = Flow("offer")
TOGGLE_STEPS = {"heart": "head", "hands": "lend", "lend": "learn"}
QUESTIONS = ("heart", "head", "hands", "lend", "learn", "frequency", "may_ask")
"""The steps that ask something, in order: the count the first message promises (a test checks it is the flow's)."""
FREQUENCIES = {"once": N_("Once"), "sometimes": N_("Now and then"), "regularly": N_("Regularly")}
"""Keys are also answer families (bot/understanding/answer_words.py): "soms", "af en toe", "often" pick them."""


def gifts(ctx: Context) -> Gifts:
    return load_gifts(ctx.app.settings.content_dir)


async def start(ctx: Context, text: str = "") -> None:
    """/aanbod; or what someone typed about what they can do ("ik kan goed koken"): that is noted first, and
    shows ticked at its question."""
    named = _named(ctx, text) if text else []
    found = [c for c in gifts(ctx).categories if c.id in named]
    able = any(gifts(ctx).says_able(part) for part in LIST.split(text) if part)
    own = _own_words(ctx, text) if found and able else []  # "i want to help, i can cook and sew": the sewing
    if found:
        ctx.reply(_("Nice! I've already noted: {gifts}.").format(
            gifts=", ".join([*(c.label.get(current_locale()) for c in found), *own])))
    await ctx.start("offer", "heart", picked=[], saved=[*([c.kind, c.id, ""] for c in found),
                                                        *(["hands", None, part] for part in own)])


OWN_WORDS = 2
"""A part of a typed list of gifts of at most this many words that names no category is a gift in the resident's own
words ("naaien" in "koken en naaien"); a longer one is a sentence around them ("happy to help")."""


def _parts(text: str) -> list[str]:
    """The parts of a typed list ("koken en naaien", "kinderen, ik kan fietsen maken"), as typed, without the marks
    around them."""
    return [part.strip(" .!?") for part in LIST.split(text) if part and part.strip(" .!?")]


def _own_words(ctx: Context, text: str) -> list[str]:
    """The parts of a typed list of gifts that no category names ("naaien" in "koken en naaien", "sew" in "i can
    cook and sew"), as typed: a gift nobody categorised is still a gift."""
    parts = _parts(text)
    if len(parts) < 2:
        return []
    return [part[:200] for part in parts if len(part.split()) <= OWN_WORDS and not _named(ctx, part)
            and not gifts(ctx).says_when(part) and not gifts(ctx).names_no_thing(part)
            and not any(answers.family_of(part, family) for family in ("done", "skip", "nothing", "yes", "no"))]


def _named(ctx: Context, text: str) -> list[str]:
    """The gift categories a typed text names: by its own words and, in tr, ar, pl or uk, also by the Dutch words of
    its dictionary, both together ("moge naprawiac rzeczy i mam aanhanger": the Dutch 'aanhanger' as typed, the
    Polish 'naprawiac' as 'repareren')."""
    found = gifts(ctx).in_text(text)
    dutch = routing.dutch_words(ctx.content, text, ctx.user.locale)
    return found + [c for c in gifts(ctx).in_text(dutch) if c not in found]


def _picked(ctx: Context) -> list[str]:
    return list(ctx.data.get("picked", []))


async def _ask_toggle(ctx: Context, kind: str, text: str, *, in_place: bool = False) -> None:
    saved = list(ctx.data.get("saved", []))
    ahead = [category for saved_kind, category, _text in saved if saved_kind == kind and category]
    if ahead:  # typed earlier (at another question, or before the questions): shown ticked here
        ctx.remember(picked=[*_picked(ctx), *[c for c in ahead if c not in _picked(ctx)]],
                     saved=[s for s in saved if not (s[0] == kind and s[1])])
    picked = _picked(ctx)
    choices = [ctx.choice(c.id, ("✅ " if c.id in picked else "") + c.label.get(current_locale()))
               for c in gifts(ctx).of_kind(kind)]
    choices += [ctx.choice("done", _("Done ➡️"), family="done"), ctx.choice("skip", _("Skip"), family="skip")]
    ctx.reply(text, choices, replaces_prompt=in_place)


async def _answer_toggle(ctx: Context, msg: Incoming, kind: str) -> None:
    """A tap toggles a category; typed text adds one (or a free gift); done/skip moves on."""
    picked = _picked(ctx)
    ids = {c.id for c in gifts(ctx).of_kind(kind)}
    if msg.kind is Kind.CHOICE and msg.choice in ids:
        ctx.remember(picked=[p for p in picked if p != msg.choice] if msg.choice in picked else [*picked, msg.choice])
        # "ouderen, ik kan gitaar spelen": the option picked by its word, and the skill beside it kept
        if kind == "heart" and msg.text and _note_skills(ctx, msg.text, ids, categories=True):
            await _reask(ctx, kind)
            return
        await _reask(ctx, kind, in_place=True)
        return
    if msg.kind is Kind.TEXT and kind == "lend" and gifts(ctx).names_no_thing(msg.text):
        ctx.reply(_("That doesn't sound like a thing to lend. What would you lend a neighbour? For example a ladder, "
                    "a drill or a party tent; or choose \"Done\"."))
        await _reask(ctx, kind)
        return
    if msg.kind is Kind.TEXT and await _when_said(ctx, msg.text):
        return
    if msg.kind is Kind.TEXT:
        found = _named(ctx, msg.text)
        if not found and answers.family_inside(msg.text, "nothing"):  # "nothing to lend really": on, as Done
            if picked:
                _store(ctx, kind, picked)
            ctx.remember(picked=[])
            await ctx.goto(TOGGLE_STEPS[kind])
            return
        free = list(ctx.data.get("free", []))
        often = _how_often(msg.text) if not found else None
        if often is not None:  # "1 keer per maand" typed early: the answer to "how often?", no gift
            ctx.remember(frequency=often)
        elif (not found or _only_trade(ctx, msg.text)) and (other := _of_another_question(ctx, kind, msg.text)) \
                is not None:
            # "potrafię szyć" or "emekli öğretmenim" (a retired teacher: no cause of older people) where what you care
            # about is asked; "можу позичити швейну машинку" at what you can do
            ctx.remember(saved=[*ctx.data.get("saved", []), [other, None, msg.text.strip()[:200]]])
            ctx.reply(str(NOTED_WITH[other]).format(gifts=f"\u201c{msg.text.strip()[:200]}\u201d"))
            await _reask(ctx, kind)
            return
        elif not found:
            free.append([kind, msg.text.strip()[:200]])
        else:  # "koken en naaien": the sewing no category names is kept in the resident's words beside the cooking
            free += [[kind, part] for part in _own_words(ctx, msg.text)]
            if kind == "heart":  # "kinderen en ik kan fietsen maken": the children here, the skill with the hands
                _note_skills(ctx, msg.text, ids)
        # a gift of another kind typed here ("I can cook and have a ladder") is kept under its own kind
        elsewhere = [[category.kind, category.id, ""] for category in gifts(ctx).categories
                     if category.id in found and category.id not in ids]
        ctx.remember(picked=picked + [c for c in found if c in ids and c not in picked], free=free,
                     saved=[*ctx.data.get("saved", []), *elsewhere])
        if found and any(answers.family_of(part, "done") for part in _later_parts(msg.text)):
            _store(ctx, kind, _picked(ctx))  # "Ouderen vooral, en een beetje groen. Dat is alles."
            ctx.remember(picked=[])
            await ctx.goto(TOGGLE_STEPS[kind])
            return
        if elsewhere:  # "mam wiertarkę" where what you care about is asked; "kinderen en ik kan repareren"
            _noted_elsewhere(ctx, [category for category in gifts(ctx).categories
                                   if category.id in found and category.id not in ids])
        if not elsewhere or set(found) & ids:
            ctx.reply(_("Noted! Add more, or choose \"Done\"."))
        await _reask(ctx, kind)
        return
    skipped = msg.kind is Kind.CHOICE and msg.choice == "skip"
    if picked or not skipped:  # "Skip" after ticking something keeps what was ticked
        _store(ctx, kind, picked)
        if skipped:
            ctx.reply(_("I've kept what you ticked."))
    ctx.remember(picked=[])
    await ctx.goto(TOGGLE_STEPS[kind])


def _of_another_question(ctx: Context, kind: str, text: str) -> str | None:
    """The question a typed gift belongs to when it is not this one: a skill said where what one cares about is
    asked is of the hands; a thing to lend said where what one can do is asked is to lend."""
    if kind == "heart" and gifts(ctx).says_able(text):
        return "hands"
    if kind in ("heart", "hands") and gifts(ctx).says_lending(text):
        return "lend"
    return None


def _note_skills(ctx: Context, text: str, ids: set[str], *, categories: bool = False) -> bool:
    """A skill said beside what the resident cares about is kept with what they can do, once, and said so;
    `categories`: also a gift category of another question named in it (typed words that picked an option here)."""
    saved = list(ctx.data.get("saved", []))
    skills = [skill for skill in _skills_beside(ctx, text) if ["hands", None, skill] not in saved]
    found = _named(ctx, text) if categories else []
    elsewhere = [c for c in gifts(ctx).categories
                 if c.id in found and c.id not in ids and [c.kind, c.id, ""] not in saved]
    if not skills and not elsewhere:
        return False
    ctx.remember(saved=[*saved, *(["hands", None, skill] for skill in skills),
                        *([c.kind, c.id, ""] for c in elsewhere)])
    _noted_elsewhere(ctx, elsewhere)
    if skills:
        ctx.reply(str(NOTED_WITH["hands"]).format(gifts=", ".join(f"\u201c{skill}\u201d" for skill in skills)))
    return True


def _only_trade(ctx: Context, text: str) -> bool:
    """The text says one's trade in one part and nothing besides ("emekli öğretmenim", "im a retired nurse"): what
    its words also name is part of the trade, no cause."""
    return gifts(ctx).says_trade(text) and len(_parts(text)) == 1


def _skills_beside(ctx: Context, text: str) -> list[str]:
    """The parts of a text that say what the resident can do and name no gift category ("ik kan fietsen maken" in
    "kinderen en ik kan fietsen maken"), as typed; a category of another question is kept with it anyway."""
    parts = _parts(text)
    return [part[:200] for part in parts if len(parts) > 1 and gifts(ctx).says_able(part)
            and not _named(ctx, part)]


NOTED_WITH = {
    "heart": N_("Noted with what you care about: {gifts}."),
    "hands": N_("Noted with what you can do: {gifts}."),
    "lend": N_("Noted with what you would lend: {gifts}."),
}
"""What is said when a gift typed at one question is kept with another one ("mam wiertarkę i drabinę" at what you
know a lot about)."""


def _noted_elsewhere(ctx: Context, categories: list[GiftCategory]) -> None:
    for kind, said in NOTED_WITH.items():
        labels = [c.label.get(current_locale()) for c in categories if c.kind == kind]
        if labels:
            ctx.reply(str(said).format(gifts=", ".join(labels)))


async def _when_said(ctx: Context, text: str) -> bool:
    """"w soboty", "op zaterdag", "ik heb op woensdagmiddag doorgaans tijd" where a gift or something to learn is
    asked: when the resident has time, no gift; how often is asked later, the question now again. At how often
    itself ("tuesday afternoons"): heard, and how often asked again."""
    if not gifts(ctx).says_when(text):
        return False
    ctx.reply(_("Good to know when you have time!") if ctx.conversation.step == "frequency" else
              _("Good to know when you have time! I'll ask how often you can help in a moment."))
    await ctx.ask_current()
    return True


def _how_often(text: str) -> str | None:
    """How often, said before it is asked ("1 keer per maand" at what you can do): the frequency it picks."""
    options = [answers.Option(key, str(label), family=key) for key, label in FREQUENCIES.items()]
    picks = answers.resolve(text, options, exact_only=True, numbers=False).picks
    if not picks:  # in more words: "co tydzien moze, w weekend" (every week, maybe, at the weekend)
        picks = answers.resolve_in_words(text, options).picks
    return picks[0] if len(picks) == 1 else None


def _later_parts(text: str) -> list[str]:
    """The sentences and clauses after the first one ("…groen. Dat is alles, dank u." → "Dat is alles", "dank u")."""
    parts = [part.strip() for part in text.replace("!", ".").replace(";", ".").replace(",", ".").split(".")]
    return [part for part in parts[1:] if part]


def _store(ctx: Context, kind: str, categories: list[str]) -> None:
    assert ctx.user.id is not None
    saved = list(ctx.data.get("saved", []))
    for category in categories:
        saved.append([kind, category, ""])
    for free_kind, text in ctx.data.get("free", []):
        if free_kind == kind:
            saved.append([kind, None, text])
    ctx.remember(saved=saved, free=[f for f in ctx.data.get("free", []) if f[0] != kind])


async def _reask(ctx: Context, kind: str, *, in_place: bool = False) -> None:
    texts = {
        "heart": _("What do you care about in the neighbourhood? Choose what fits, or type it."),
        "hands": _("What can you make or do? Cooking, repairing, music… Choose or type it."),
        "lend": _("Is there something you would lend to a neighbour?"),
    }
    await _ask_toggle(ctx, kind, texts[kind], in_place=in_place)


@flow.ask("heart")
async def ask_heart(ctx: Context) -> None:
    count = len(QUESTIONS)
    if ctx.data.get("opened"):  # asked again (after a digression): the opening was said
        await _reask(ctx, "heart")
        return
    ctx.remember(opened=True)
    ctx.reply(ngettext("Every neighbour has something to give. Let's see what you have: {n} short question.",
                       "Every neighbour has something to give. Let's see what you have: {n} short questions; you "
                       "can skip most of them.", count).format(n=count))
    await _reask(ctx, "heart")


@flow.answer("heart", multi=True, free_text=True, slot="heart")
async def got_heart(ctx: Context, msg: Incoming) -> None:
    await _answer_toggle(ctx, msg, "heart")


@flow.ask("head")
async def ask_head(ctx: Context) -> None:
    ctx.reply(_("What do you know a lot about, or could you teach or advise on? Type it, or skip."),
              [ctx.choice("skip", _("Skip"), family="skip")])


@flow.answer("head", free_text=True, slot="head")
async def got_head(ctx: Context, msg: Incoming) -> None:
    """What you know a lot about, as typed; things typed here ("mam wiertarkę i drabinę") are kept with what you
    would lend, and a text that only says what you have is no knowledge."""
    if msg.kind is Kind.TEXT and await _when_said(ctx, msg.text):
        return
    if msg.kind is Kind.TEXT and msg.text.strip():
        found = _named(ctx, msg.text)
        things = [c for c in gifts(ctx).categories if c.id in found and c.kind == "lend"]
        if things:
            ctx.remember(saved=[*ctx.data.get("saved", []), *[[c.kind, c.id, ""] for c in things]])
            _noted_elsewhere(ctx, things)
        if not (things and load_idea_words(ctx.app.settings.content_dir).only_having(msg.text)):
            ctx.remember(saved=[*ctx.data.get("saved", []), ["head", None, msg.text.strip()[:300]]])
    await ctx.goto("hands")


@flow.ask("hands")
async def ask_hands(ctx: Context) -> None:
    await _reask(ctx, "hands")


@flow.answer("hands", multi=True, free_text=True, slot="hands")
async def got_hands(ctx: Context, msg: Incoming) -> None:
    await _answer_toggle(ctx, msg, "hands")


@flow.ask("lend")
async def ask_lend(ctx: Context) -> None:
    await _reask(ctx, "lend")


@flow.answer("lend", multi=True, free_text=True, slot="lend")
async def got_lend(ctx: Context, msg: Incoming) -> None:
    await _answer_toggle(ctx, msg, "lend")


@flow.ask("learn")
async def ask_learn(ctx: Context) -> None:
    ctx.reply(_("And the other way round: is there something you would like to learn from a neighbour?"),
              [ctx.choice("skip", _("Skip"), family="skip")])


@flow.answer("learn", free_text=True, slot="learn")
async def got_learn(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.TEXT and await _when_said(ctx, msg.text):  # "ik heb op woensdagmiddag doorgaans tijd"
        return
    if msg.kind is Kind.TEXT and msg.text.strip() and not answers.family_of(msg.text, "nothing"):  # "nothing rn"
        ctx.remember(saved=[*ctx.data.get("saved", []), ["learn", None, msg.text.strip()[:300]]])
    await ctx.goto("may_ask" if ctx.data.get("frequency") in FREQUENCIES else "frequency")


@flow.ask("frequency")
async def ask_frequency(ctx: Context) -> None:
    ctx.reply(_("How often could you help?"), [ctx.choice(k, str(v), family=k) for k, v in FREQUENCIES.items()])


@flow.answer("frequency", slot="frequency", free_text=lambda text: load_gifts(CONTENT).says_when(text))
async def got_frequency(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.TEXT and await _when_said(ctx, msg.text):  # "tuesday afternoons"
        return
    if msg.kind is not Kind.CHOICE or msg.choice not in FREQUENCIES:
        await ctx.ask_current()
        return
    ctx.remember(frequency=msg.choice)
    await ctx.goto("may_ask")


@flow.ask("may_ask")
async def ask_may_ask(ctx: Context) -> None:
    ctx.reply(_("May I ask you when a neighbour's idea needs exactly what you offer? I ask first and never "
                "share your name or details without your yes. At most once a week."),
              [ctx.choice("yes", _("Yes, you may ask me"), family="yes"),
               ctx.choice("no", _("No, rather not"), family="no")])


@flow.answer("may_ask")
async def got_may_ask(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.CHOICE or msg.choice not in ("yes", "no"):
        await ctx.ask_current()
        return
    assert ctx.user.id is not None
    offers_crud.delete_all(ctx.session, user_id=ctx.user.id or 0)
    for kind, category, text in dict.fromkeys(tuple(s) for s in ctx.data.get("saved", [])):
        ctx.session.add(Offer(user_id=ctx.user.id, kind=kind, category=category, text=text, created_at=ctx.now))
    profile = ctx.session.get(OfferProfile, ctx.user.id)
    if profile is None:
        profile = OfferProfile(user_id=ctx.user.id, updated_at=ctx.now)
        ctx.session.add(profile)
    profile.frequency = str(ctx.data.get("frequency"))
    profile.updated_at = ctx.now
    if msg.choice == "yes":
        users_crud.grant_consent(ctx.session, user=ctx.user, purpose=ConsentPurpose.ASK_FOR_HELP, now=ctx.now)
    else:
        users_crud.withdraw_consent(ctx.session, user=ctx.user, purpose=ConsentPurpose.ASK_FOR_HELP)
    ctx.end()
    ctx.session.flush()
    offers = offers_crud.of_user(ctx.session, user_id=ctx.user.id or 0)
    given = [o for o in offers if o.kind != "learn"]
    learn = [o for o in offers if o.kind == "learn"]
    lines = [_("Thank you! This is what you offer:"), _summary(ctx, given)]
    if learn:  # what someone wants to learn is not something they offer
        lines += ["", _("And this you'd like to learn:"), _summary(ctx, learn)]
    if profile.frequency in FREQUENCIES:
        lines += ["", _("How often: {often}").format(often=FREQUENCIES[profile.frequency])]
    ctx.reply("\n".join(lines), [Context.command("mijnaanbod", _("📋 My offers"))])


def _summary(ctx: Context, offers: list[Offer]) -> str:
    return "\n".join("• " + _offer_name(ctx, offer) for offer in offers) or _("(nothing yet)")


async def my_offers(ctx: Context) -> None:
    """/mijnaanbod: see, change or delete."""
    offers = offers_crud.of_user(ctx.session, user_id=ctx.user.id or 0)
    if not offers:
        ctx.reply(_("You haven't told me what you can offer yet."),
                  [Context.command("aanbod", _("🤝 What I can offer")),
                   Context.action("offer", "add", label=_("➕ Add something"))])
        return
    choices: list[Choice] = [Context.action("offer", "del", o.id, label=_("Remove {n}").format(n=n))
                             for n, o in enumerate(offers, start=1)]
    choices += [Context.action("offer", "add", label=_("➕ Add something")),
                Context.command("aanbod", _("✏️ Start again")), Context.action("offer", "all", label=_("🗑️ Remove all"))]
    lines = [_("What you offer:")]
    for n, offer in enumerate(offers, start=1):
        category = gifts(ctx).by_id(offer.category) if offer.category else None
        name = category.label.get(current_locale()) if category else offer.text
        lines.append(f"{n}. " + (_("{thing} (you'd like to learn this)").format(thing=name) if offer.kind == "learn"
                                 else name))
    asked = ctx.has_consent(ConsentPurpose.ASK_FOR_HELP)
    lines.append("\n" + (_("I may ask you when a neighbour needs this.") if asked
                         else _("I won't ask you for help; change that with {cmd}.").format(cmd=cmd("toestemming"))))
    ctx.reply("\n".join(lines), choices)


async def offer_action(ctx: Context, args: list[str]) -> None:
    """`!offer:del:<id>`, `!offer:add` or `!offer:all`: only your own offers."""
    if args == ["add"]:
        await ctx.start("offer", "add")
        return
    if args == ["all"]:
        offers_crud.delete_all(ctx.session, user_id=ctx.user.id or 0)
        ctx.reply(_("All your offers are removed."))
        return
    offer = ctx.row(Offer, args[1]) if len(args) == 2 else None
    if offer is None or offer.user_id != ctx.user.id:
        ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))
        return
    ctx.session.delete(offer)
    ctx.session.flush()
    await my_offers(ctx)


@flow.ask("add")
async def ask_add(ctx: Context) -> None:
    ctx.reply(_("What would you like to add? Type it, for example \"I can repair bikes\" or \"I lend my ladder\"."))


@flow.answer("add", free_text=True)
async def got_add(ctx: Context, msg: Incoming) -> None:
    """One thing added to /mijnaanbod, without going through all the questions again."""
    text = msg.text.strip()
    if msg.kind is not Kind.TEXT or len(text) < 2:
        await ctx.ask_current()
        return
    assert ctx.user.id is not None
    found = [c for c in gifts(ctx).categories if c.id in gifts(ctx).in_text(text)]
    for category in found:
        ctx.session.add(Offer(user_id=ctx.user.id, kind=category.kind, category=category.id, text="",
                              created_at=ctx.now))
    if not found:
        ctx.session.add(Offer(user_id=ctx.user.id, kind="hands", category=None, text=text[:300], created_at=ctx.now))
    ctx.end()
    ctx.session.flush()
    await my_offers(ctx)


@flow.correct("learn")
async def correct_learn(ctx: Context, text: str) -> str | None:
    """"Haal fietsen weg, dat wil ik juist leren": what was named is something to learn, not to offer."""
    assert ctx.user.id is not None
    typed = f" {fold(text)} "
    mine = offers_crud.of_user(ctx.session, user_id=ctx.user.id)
    named = [o for o in mine if _offer_name(ctx, o) and f" {fold(_offer_name(ctx, o))} " in typed]
    if not named:
        return None
    for offer in named:
        offer.kind, offer.text = "learn", offer.text or _offer_name(ctx, offer)
        offer.category = None
    names = ", ".join(_offer_name(ctx, o) for o in named)
    return _("Noted: {things} is something you'd like to learn, not something you offer.").format(things=names)


def _offer_name(ctx: Context, offer: Offer) -> str:
    category = gifts(ctx).by_id(offer.category) if offer.category else None
    return category.label.get(current_locale()) if category else offer.text

