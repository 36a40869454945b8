"""The anonymous figures as tables, CSV files and charts, in the viewer's language: one place for the chat
(/signalen) and the web dashboard, so both show exactly the same numbers under the same "< 5" rule."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from babel import dates

from bot.infra.content import Content
from bot.infra.crud import figures
from bot.infra.i18n import _, current_locale, format_date, format_datetime, format_number
from bot.services.ideas import NEEDS, THEMES
from bot.understanding.gifts import Gifts
from bot.understanding.redact import redact

Cell = str | int


@dataclass(frozen=True)
class Table:
    name: str
    """File name stem of its CSV."""
    headers: list[str]
    rows: list[list[Cell]]
    left_out: bool = False
    """Rows were left out because their group has fewer than 5 (see figures.anonymous_list)."""


def _labels() -> tuple[dict[str, str], dict[str, str]]:

    return {k: str(v) for k, v in THEMES.items()}, {k: str(v) for k, v in NEEDS.items()}


def plain(label: str) -> str:
    """A label without its leading emoji (chart fonts have none)."""
    head, _sep, rest = label.partition(" ")
    return rest if rest and not head.isalnum() else label


def month_label(key: str) -> str:
    return _month(key, current_locale())


@lru_cache(maxsize=512)
def _month(key: str, locale: str) -> str:
    return dates.format_date(datetime.fromisoformat(key + "-01"), "MMM yyyy", locale=locale)


def count(value: int | Iterable[int], *, admin: bool) -> Cell:
    """A count as a cell, through the one small-cell rule (`figures.protect`); give the groups it adds up
    where it is a total."""
    masked = figures.protect([value] if isinstance(value, int) else value, admin=admin)
    return masked if isinstance(masked, str) else number(masked)


def over_time(value: int, *, admin: bool) -> Cell:
    """A count that changes from day to day (this month's), through `figures.over_time`: steps of 5."""
    masked = figures.over_time(value, admin=admin)
    return masked if isinstance(masked, str) else number(masked)


def number(value: int) -> str:
    return str(value) if -1000 < value < 1000 else format_number(value)  # below 1000 alike in every locale


@lru_cache(maxsize=4096)
def _day(moment: datetime, fmt: str, locale: str) -> str:
    return format_datetime(moment, fmt) if "H" in fmt else format_date(moment, fmt)


def day(moment: datetime, fmt: str = "d MMM yyyy") -> str:
    """Babel is slow per call; a dashboard repeats the same dates, so each is formatted once per locale."""
    return _day(moment, fmt, current_locale())


def signals_table(data: figures.Signals, content: Content, *, admin: bool) -> Table:
    themes, needs = _labels()
    rows: list[list[Cell]] = []
    for wijk_id, month, kind, key, n in data.rows():
        label = (themes if kind == "theme" else needs).get(key, key)
        rows.append([content.wijken[wijk_id].name if wijk_id in content.wijken else wijk_id, month_label(month),
                     _("Theme") if kind == "theme" else _("Need"), plain(label),
                     count(n, admin=admin) if month != data.growing else over_time(n, admin=admin)])
    return Table("signalen", [_("Neighbourhood"), _("Month"), _("Kind"), _("Subject"), _("People")], rows)


def state_labels() -> dict[str, str]:
    return {
        "new": _("New"), "handed_over": _("Handed over"), "accepted": _("Accepted"),
        "waiting_long": _("Waiting long"), "escalated": _("Escalated"), "done": _("Done"), "stopped": _("Stopped"),
    }


def pipeline_table(items: Sequence[figures.Initiative], *, admin: bool) -> Table:
    counts = figures.pipeline(items, admin=admin)
    return Table("initiatieven-status", [_("Status"), _("Initiatives")],
                 [[state_labels()[s], n if isinstance(n, str) else number(n)] for s, n in counts.items()])


def initiatives_table(items: Sequence[figures.Initiative], content: Content, *, now: datetime,
                      left_out: bool = False) -> Table:
    themes, needs = _labels()
    states = state_labels()
    rows: list[list[Cell]] = []
    for item in items:
        contact = content.contacts.get(item.contact_id) if item.contact_id else None
        shows = item.details
        started = day(item.created_at) if "day" in shows else (
            month_label(item.month) if "month" in shows and item.month else "—")
        rows.append([
            item.id, content.wijken[item.wijk_id].name if item.wijk_id in content.wijken else item.wijk_id,
            started, number((now - item.created_at).days) if "day" in shows else "—",
            states[item.state] + (" · " + states["waiting_long"] if item.waiting_long else ""),
            contact.name if contact and "contact" in shows else "—",
            (", ".join(plain(themes.get(t, t)) for t in item.themes) or "—") if "themes" in shows else "—",
            (", ".join(plain(needs.get(n, n)) for n in item.needs) or "—") if "needs" in shows else "—",
            # the words the resident approved (redacted when proposed, names they chose kept), or an older idea's
            (item.text if item.approved else redact(item.text)) if item.text else "",
        ])
    headers = ["#", _("Neighbourhood"), _("Started"), _("Age in days"), _("Status"), _("With"), _("Themes"),
               _("Needs"), _("Idea (only when handed to you)")]
    # columns that no row may show (a viewer's list without details, see figures.anonymous_list) are left out
    shown = {"day", "month", "contact", "themes", "needs"} & {d for item in items for d in item.details}
    drop = {2} if not shown & {"day", "month"} else set()
    drop |= ({3} if "day" not in shown else set()) | ({6} if "themes" not in shown else set())
    drop |= {7} if "needs" not in shown else set()
    keep = [k for k in range(len(headers)) if k not in drop]
    return Table("initiatieven", [headers[k] for k in keep], [[row[k] for k in keep] for row in rows], left_out)


def activities_table(items: Sequence[figures.ActivityFigures], content: Content, *, now: datetime,
                     admin: bool) -> Table:
    rows: list[list[Cell]] = []
    for a in items:
        when = _("cancelled") if a.cancelled else (_("upcoming") if a.starts_at >= now else _("past"))
        rows.append([content.wijken[a.wijk_id].name if a.wijk_id in content.wijken else a.wijk_id,
                     day(a.starts_at, "d MMM yyyy HH:mm"), a.title, when,
                     count(a.coming, admin=admin), count(a.maybe, admin=admin), count(a.helping, admin=admin),
                     count(a.reminded_by_answer or [a.reminded], admin=admin)])
    return Table("activiteiten", [_("Neighbourhood"), _("Date"), _("Activity"), _("When"), _("Coming"), _("Maybe"),
                                  _("Helping"), _("Reminders sent")], rows)


def gifts_table(data: dict[tuple[str, str], int], content: Content, vocabulary: Gifts, *, admin: bool) -> Table:
    rows: list[list[Cell]] = []
    for (wijk_id, category), n in sorted(data.items()):
        found = vocabulary.by_id(category)
        label = found.label.get(current_locale()) if found is not None else category
        rows.append([content.wijken[wijk_id].name if wijk_id in content.wijken else wijk_id, str(label),
                     count(n, admin=admin)])
    return Table("gaven", [_("Neighbourhood"), _("Category"), _("Neighbours")], rows)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell: object) -> object:
    """A cell a spreadsheet will not run as a formula (OWASP, CSV injection): text that starts with
    = + - @ tab or CR gets a leading apostrophe, so Excel and LibreOffice show it as text."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with a byte order mark and the delimiter Excel expects in the viewer's language
    (';' where the comma is the decimal separator, as in Dutch)."""
    delimiter = ";" if current_locale() == "nl" else ","
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in table.headers])
    writer.writerows([safe_cell(c) for c in row] for row in table.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def signals_chart(data: figures.Signals, wijk_ids: Sequence[str], *, admin: bool, fmt: str = "png",
                  title: str = "") -> bytes:
    """Themes (top) and needs (bottom) per month. For non-admins a month with 1-4 people in a subject
    is drawn as 0, as the tables show "< 5", and the month still being counted in whole groups of five.
    Drawing takes a few hundred ms, so the same figures in the same language are drawn once."""
    series = tuple((kind, tuple((k, tuple(v)) for k, v in chart_series(data, kind, wijk_ids, admin=admin).items()))
                   for kind in ("theme", "need"))
    return _chart(tuple(data.months), series, admin, fmt, title, current_locale())


def chart_series(data: figures.Signals, kind: str, wijk_ids: Sequence[str], *, admin: bool) -> dict[str, list[int]]:
    """Subject → people per month as a chart may draw them: the sum over the wijken through `figures.drawn`
    (a wijk with 1-4 adds nothing), and a subject with nothing to draw left out of the legend."""
    table = data.themes if kind == "theme" else data.needs
    keys = sorted({k for (w, _m), c in table.items() if w in wijk_ids for k in c})
    out = {k: [(figures.drawn if m != data.growing else figures.drawn_over_time)(
        [table.get((w, m), Counter())[k] for w in wijk_ids], admin=admin) for m in data.months] for k in keys}
    return {k: v for k, v in out.items() if admin or any(v)}


def _pyplot() -> Any:
    """matplotlib's pyplot, imported when the first chart is drawn: importing it costs every process (each worker
    of a scaled-out bot, each CLI command) a third of a second, and most never draw a chart."""
    import matplotlib

    matplotlib.use("Agg")  # no display; must come before pyplot
    import matplotlib.pyplot as plt

    return plt


@lru_cache(maxsize=64)
def _chart(months_keys: tuple[str, ...], series: tuple[tuple[str, tuple[tuple[str, tuple[int, ...]], ...]], ...],
           admin: bool, fmt: str, title: str, locale: str) -> bytes:
    themes, needs = _labels()
    by_kind = dict(series)
    plt = _pyplot()
    figure, axes = plt.subplots(2, 1, figsize=(9, 7), sharex=True)
    try:
        months = [month_label(m) for m in months_keys]
        for axis, kind, labels, heading in ((axes[0], "theme", themes, _("Themes")),
                                            (axes[1], "need", needs, _("Needs"))):
            for key, values in by_kind[kind]:
                axis.plot(months, list(values), marker="o", label=plain(labels.get(key, key)))
            axis.set_title(heading)
            axis.set_ylabel(_("People"))
            axis.yaxis.get_major_locator().set_params(integer=True)
            if axis.get_legend_handles_labels()[0]:
                axis.legend(fontsize=8, loc="upper left", ncol=2)
            axis.grid(alpha=0.3)
        axes[1].tick_params(axis="x", labelrotation=45)
        figure.suptitle(title)
        if not admin:
            figure.text(0.01, 0.005, _("Fewer than 5 people are shown as 0, so nobody can be recognised."),
                        fontsize=8)
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format=fmt, dpi=100)
        return out.getvalue()
    finally:
        plt.close(figure)
