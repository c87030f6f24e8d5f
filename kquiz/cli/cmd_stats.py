"""``kquiz stats [--deck ID] [--topic ID] [--period DAYS] [--json]``: the Stats window's numbers in
the terminal, as readable tables or as JSON (``StatsReport.to_dict()``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence

from kquiz.app import open_core
from kquiz.app.stats import PERIODS, compute_report

BAR = "█"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="show what is due, what you learned and how well",
        description="Statistics of your studying: due forecast, calendar and streak, true retention "
        "(review answers not rated Again; practice answers are counted apart), topic mastery, "
        "intervals, stability, answer buttons, study time and the hardest cards.",
    )
    parser.add_argument("--deck", metavar="ID", help="only this deck (default: all decks)")
    parser.add_argument("--topic", metavar="ID", help="only cards of this topic (within --deck if given)")
    parser.add_argument(
        "--period",
        metavar="DAYS",
        type=_period,
        default=30,
        help="days for the forecast, answer buttons and study time: 30, 90 or 365 (any 1..365; default 30)",
    )
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.set_defaults(handler=run)


def _period(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {text!r}") from None
    if not 1 <= value <= 365:
        raise argparse.ArgumentTypeError("the period must be 1..365 days")
    return value


def run(args: argparse.Namespace) -> int:
    with open_core(args.data_dir) as core:
        library = core.load_library()
        for failure in library.failures:
            print(f"kquiz stats: a deck could not be loaded: {failure}", file=sys.stderr)
        report = compute_report(core, deck_id=args.deck, topic=args.topic, period_days=args.period)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(render_text(report))
    return 0


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _ratio(passed: int, total: int) -> str:
    return f"{passed}/{total} {_pct(passed / total if total else None)}"


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return (
        f"{minutes // 60}h {minutes % 60:02d}m"
        if minutes >= 60
        else f"{minutes}m"
        if minutes
        else f"{seconds:.0f}s"
    )


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], indent: str = "  ") -> str:
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        first = row[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        lines.append(indent + "  ".join([first, *rest]).rstrip())
        if n == 0:
            lines.append(indent + "  ".join("─" * w for w in widths))
    return "\n".join(lines)


def render_text(r) -> str:  # r: StatsReport
    period = PERIODS.get(r.period_days, f"{r.period_days} days")
    out = [
        f"kquiz stats — {r.scope.label} · period {period} · study day {r.today.isoformat()}",
        f"Cards {r.cards} ({r.studied} studied) · answers all time: {r.total_reviews} scheduled, "
        f"{r.total_practice} practice",
        "",
        "Due forecast",
    ]
    f = r.forecast
    days = f.days

    def due(n: int) -> int:
        return sum(d.learning + d.review for d in days[:n])

    out.append(
        f"  today {due(1)} ({days[0].learning} learning, {days[0].review} review; {f.overdue} overdue)"
        f" · tomorrow {due(2) - due(1)} · next 7 days {due(7)} · next {len(days)} days {due(len(days))}"
        f" · later {f.later}"
    )
    c = r.calendar
    out += [
        "",
        f"Calendar: {c.days_studied} days studied in the last year · current streak {c.current_streak} "
        f"· longest {c.longest_streak}",
    ]
    out += ["", f"True retention (review answers not rated Again; desired {_pct(r.retention.desired)})"]
    out.append(
        table(
            ["", "all", "young", "mature"],
            (
                (
                    w.label,
                    _ratio(w.passed, w.total),
                    _ratio(w.young_passed, w.young_total),
                    _ratio(w.mature_passed, w.mature_total),
                )
                for w in r.retention.windows
            ),
        )
    )
    out += ["", "Practice answers (never counted in retention)"]
    out.append(
        table(
            ["", "answers", "correct"],
            ((p.label, p.answers, _ratio(p.correct, p.answers)) for p in r.practice),
        )
    )
    out += ["", "Topic mastery"]
    out.append(
        table(
            ["topic", "new", "learning", "young", "mature", "suspended", "recall now"],
            (
                (m.title, m.new, m.learning, m.young, m.mature, m.suspended, _pct(m.mean_recall))
                for m in r.mastery
            ),
        )
    )
    out += ["", f"Answer buttons (scheduled, last {period})"]
    out.append(
        table(
            ["", "again", "hard", "good", "easy", "correct"],
            ((b.kind, b.again, b.hard, b.good, b.easy, _pct(b.correct_rate)) for b in r.buttons),
        )
    )
    for h in (r.intervals, r.stability):
        stats = "" if h.mean is None else f" · mean {h.mean:.1f} d · median {h.median:.1f} d"
        out += ["", f"{h.name.capitalize()} (days): {h.count} cards{stats}"]
        top = max((b.count for b in h.bins), default=0)
        out += [f"  {b.label:>7} {b.count:6d} {BAR * round(30 * b.count / top)}" for b in h.bins if b.count]
    st = r.study_time
    per_day = st.total_seconds / st.days_studied if st.days_studied else 0
    out += [
        "",
        f"Study time, last {period}: {_duration(st.total_seconds)} on {st.days_studied} days "
        f"(≈ {_duration(per_day)} a day studied; today {_duration(st.seconds[-1] + st.practice_seconds[-1])})",
    ]
    for title, cards in (
        ("Most lapses", r.hardest_by_lapses),
        ("Lowest predicted recall", r.hardest_by_recall),
    ):
        out += ["", f"Hardest cards — {title.lower()}"]
        out.append(
            table(
                ["card", "topic", "lapses", "reviews", "recall now"],
                ((str(h.key), h.topic, h.lapses, h.reps, _pct(h.retrievability)) for h in cards),
            )
            if cards
            else "  none"
        )
    return "\n".join(out)
