"""``kquiz sync``: study on several computers through a folder Syncthing, Nextcloud or Dropbox syncs.

kquiz sync --folder ~/Sync     once per data folder: sync through this folder from now on
kquiz sync                     one round: send this computer's answers, merge the others'
kquiz sync --status            the folder, this device's id, the last round and other devices
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from kquiz.app import Core, open_core
from kquiz.app.sync import set_folder, status, sync_round
from kquiz.errors import KQuizError


def _status_lines(core: Core) -> list[str]:
    now = datetime.now(UTC)
    info = status(core)
    if info.folder is None:
        return ["Sync is off. Turn it on with: kquiz sync --folder DIR (a folder your sync engine shares)."]
    lines = [f"Sync folder: {info.folder}", f"This device: {info.device}", info.line(now)]
    return lines + [f"Warning: {m}" for m in info.messages]


def _run(args: argparse.Namespace) -> int:
    with open_core(args.data_dir) as core:
        if args.off:
            set_folder(core, None)
            print("Sync is off; the sync folder was left as it is.")
            return 0
        if args.folder is not None:
            where = set_folder(core, Path(args.folder), new_device=args.new_device)
            print(f"Syncing through {where} (device {status(core).device}).")
        elif args.new_device:
            raise KQuizError("--new-device goes with --folder DIR.")
        if args.status:
            print("\n".join(_status_lines(core)))
            return 0
        if status(core).folder is None:
            print("\n".join(_status_lines(core)))
            return 1
        core.load_library()  # renamed cards (was:) map answers made under their old ids
        report = sync_round(core)
        assert report is not None
        if not report.installed:
            print("The progress file kept changing during the round; nothing was merged. Try again.")
            return 1
        print(
            f"Sent {report.sent} change{'s' if report.sent != 1 else ''}; merged {report.received} from "
            f"{report.segments} new segment{'s' if report.segments != 1 else ''} "
            f"({report.devices} other device{'s' if report.devices != 1 else ''})."
        )
        if report.waiting:
            print(f"{report.waiting} segment(s) are still being copied by the sync engine: next round.")
        for message in report.messages:
            print(f"Warning: {message}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="sync progress with your other computers through a shared folder",
        description="Sync answers, undos, suspends, flags, resets and settings with kquiz on other "
        "computers through a folder that Syncthing, Nextcloud, Dropbox or similar already keeps in step. "
        "kquiz writes only new files under <folder>/kquiz-sync/ and never changes one. "
        "Without options: one sync round.",
    )
    parser.add_argument("--folder", metavar="DIR", help="sync through this folder from now on")
    parser.add_argument("--status", action="store_true", help="show the sync folder and the last round")
    parser.add_argument("--off", action="store_true", help="stop syncing this data folder")
    parser.add_argument(
        "--new-device", action="store_true", help="with --folder: a new device id (for a copied data folder)"
    )
    parser.set_defaults(handler=_run)
