"""The idea vocabulary shared by the idea conversation, handovers, matching, reports and the web: the themes and
needs a resident picks, and the summary card of an idea (what the resident confirmed, and what a contact
person receives)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.infra.i18n import N_, _
from bot.infra.models import Idea
from bot.understanding.redact import redact

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


def summary_card(idea: Idea) -> str:
    """The idea as the resident confirmed it; also what a contact receives (no personal details)."""
    themes = ", ".join(str(THEMES[t]) for t in idea.themes if t in THEMES) or "—"
    needs = ", ".join(str(NEEDS[n]) for n in idea.needs if n in NEEDS) or _("not sure yet")
    lines = [_("💡 The idea: {text}").format(text=idea.text)]
    if idea.picture:
        lines.append(_("How it could look: {picture}").format(picture=idea.picture))
    lines.append(_("Themes: {themes}").format(themes=themes))
    if idea.has:
        lines.append(_("Already there: {has}").format(has=idea.has))
    lines.append(_("Together with: {knows}").format(knows=idea.knows or _("nobody yet")))
    lines.append(_("Needs: {needs}").format(needs=needs))
    lines.append(_("First step: {step}").format(step=idea.first_step or _("not decided yet")))
    if idea.beheer:
        lines.append(_("Looks after it later: {who}").format(who=idea.beheer))
    return "\n".join(lines)


def proposed_words(idea: Idea, *, names: Iterable[str] = ()) -> str:
    """The resident's own words of an idea as first proposed for a contact to read: the idea and the answers
    in their words, with contact details taken out (redact, the second line of defence). The resident sees this
    text before anything is sent, can change it, and what they approve is kept as `idea.shared_text`. The
    people the resident named when asked who they know ("mijn buurvrouw Fatima") are named to the contact, as
    the flow tells the resident; their contact details are not."""
    lines = [idea.text.strip()]
    if idea.picture:
        lines.append(_("How it could look: {picture}").format(picture=idea.picture))
    if idea.has:
        lines.append(_("Already there: {has}").format(has=idea.has))
    if idea.knows:
        lines.append(_("Together with: {knows}").format(knows=idea.knows))
    if idea.first_step:
        lines.append(_("First step: {step}").format(step=idea.first_step))
    if idea.beheer:
        lines.append(_("Looks after it later: {who}").format(who=idea.beheer))
    keep = re.findall(r"[^\W\d_]+", idea.knows or "")
    return redact("\n".join(line for line in lines if line), names=names, keep=keep)
