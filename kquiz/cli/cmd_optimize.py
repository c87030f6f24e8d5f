"""``kquiz optimize``: fit FSRS parameters to your own review log (fsrs-rs-python, no torch)."""

from __future__ import annotations

import argparse

from kquiz.app import MIN_REVIEWS_FOR_FIT, open_core
from kquiz.errors import SettingsError


def _run(args: argparse.Namespace) -> int:
    with open_core(args.data_dir) as core:
        if args.reset:
            core.reset_parameters()
            print("FSRS parameters reset to the defaults.")
            return 0
        try:
            result = core.optimize(save=not args.dry_run)
        except SettingsError as exc:
            print(
                f"{exc}\nKeep studying: kquiz optimizes once at least {MIN_REVIEWS_FOR_FIT} usable reviews exist."
            )
            return 1
    gain = (
        (result.log_loss_before - result.log_loss_after) / result.log_loss_before
        if result.log_loss_before
        else 0.0
    )
    print(f"Fitted FSRS parameters to {result.reviews_used} reviews.")
    print(
        f"Log loss: {result.log_loss_before:.4f} with the defaults, {result.log_loss_after:.4f} fitted "
        f"({gain:.1%} better; lower is better)."
    )
    if result.log_loss_after >= result.log_loss_before:
        print("The default parameters already fit your reviews best; nothing was changed.")
    elif args.dry_run:
        print("Dry run: nothing was saved.")
    else:
        print("Saved: your future reviews are scheduled with these parameters.")
    if args.verbose:
        print("Parameters: " + ", ".join(f"{p:.4f}" for p in result.parameters))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "optimize",
        help="fit FSRS scheduling to your own review history",
        description="Fit the FSRS model's parameters to your scheduled reviews (practice answers are not "
        f"used) and save them. Needs at least {MIN_REVIEWS_FOR_FIT} usable reviews: reviews of cards "
        "studied on at least two different days. Prints the log loss before and after (lower is better).",
    )
    parser.add_argument("--dry-run", action="store_true", help="fit and report, but do not save")
    parser.add_argument("--reset", action="store_true", help="go back to the default parameters")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the fitted parameters")
    parser.set_defaults(handler=_run)
