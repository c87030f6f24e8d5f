"""``kquiz reschedule``: recompute every card's memory state and due date from its review log."""

from __future__ import annotations

import argparse

from kquiz.app import ReplayReport, open_core, reschedule


def _cards(n: int) -> str:
    return f"{n} card" if n == 1 else f"{n} cards"


def describe(report: ReplayReport, *, dry_run: bool) -> list[str]:
    lines = [f"Replayed the review log of {_cards(report.cards)}; {report.changed} had a different state."]
    if report.moved:
        dates = "1 due date" if report.moved == 1 else f"{report.moved} due dates"
        lines.append(
            f"{dates} {'would move' if dry_run else 'moved'}: {report.earlier} earlier, "
            f"{report.later} later, by a median of {report.median_shift_days:g} and at most "
            f"{report.max_shift_days} study days."
        )
    else:
        lines.append("No due date moved.")
    if report.skipped:
        lines.append(f"Left alone: {_cards(report.skipped)} whose progress does not follow from its log.")
    if dry_run:
        lines.append("Dry run: nothing was saved.")
    return lines


def _run(args: argparse.Namespace) -> int:
    with open_core(args.data_dir) as core:
        report = reschedule(core, save=not args.dry_run)
    print("\n".join(describe(report, dry_run=args.dry_run)))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reschedule",
        help="recompute memory states and due dates from your review log",
        description="Replay every card's scheduled reviews through the current scheduler (elapsed time "
        "in study days, your FSRS parameters and retention) and store the resulting stability, "
        "difficulty and due date. Says how many cards moved and by how much.",
    )
    parser.add_argument("--dry-run", action="store_true", help="report what would change, save nothing")
    parser.set_defaults(handler=_run)
