"""``kquiz orphans``: progress kept for cards that are no longer in any deck; ``--delete`` removes it."""

from __future__ import annotations

import argparse
import json
import sys

from kquiz.app import open_core


def _run(args: argparse.Namespace) -> int:
    from kquiz.app.cards import rename_suggestions

    with open_core(args.data_dir) as core:
        library = core.load_library()
        for message in core.rename_report:
            print(message)
        orphans = core.orphans()
        if args.json and not args.delete:
            json.dump([p.to_dict() for p in orphans], sys.stdout, indent=2)
            print()
            return 0
        if not orphans:
            print("No orphaned progress: every card with progress is in a loaded deck.")
            return 0
        if not args.delete:
            print(f"{len(orphans)} card(s) have progress but are in no loaded deck:")
            renamed = rename_suggestions(core, orphans)
            for p in orphans:
                last = p.memory.last_review.strftime("%Y-%m-%d") if p.memory.last_review else "never"
                print(f"  {p.key}  {p.memory.state.name.lower()}, {p.memory.reps} reviews, last {last}")
                if p.key in renamed:
                    new = renamed[p.key]
                    print(
                        f"    renamed? card '{new.card_id}' has the same question and answer: add "
                        f"`was: [{p.key.card_id}]` to it to keep this progress and history"
                    )
            print(
                "Their progress comes back if the cards return (same deck id and card id). "
                "`kquiz orphans --delete` removes it."
            )
            return 0
        deleted = core.delete_orphans()
        print(f"Deleted the progress of {deleted} orphaned card(s). The review log is kept.")
        kept = len(orphans) - deleted
        if kept:
            why = []
            if library.failures:
                why.append("some deck files have errors (run `kquiz decks`)")
            if library.missing_folders:
                why.append("missing deck folders: " + ", ".join(str(p) for p in library.missing_folders))
            print(f"Kept {kept} whose deck did not load: " + "; ".join(why) + ".")
        return 0 if not (library.failures or library.missing_folders) else 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "orphans",
        help="list (or delete) progress of cards no longer in any deck",
        description="Cards removed from a deck keep their progress as orphans, so it comes back if the "
        "card does. This lists them; --delete removes their progress (the review log stays). When some "
        "deck files fail to load, only orphans of decks that loaded are deleted.",
    )
    parser.add_argument("--delete", action="store_true", help="delete the orphaned progress")
    parser.add_argument("--json", action="store_true", help="print the orphans as JSON")
    parser.set_defaults(handler=_run)
