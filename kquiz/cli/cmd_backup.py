"""``kquiz backup`` makes a backup of the progress file now; ``kquiz restore`` lists and restores."""

from __future__ import annotations

import argparse

from kquiz.app import backups


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _describe(kind: str) -> str:
    if kind == "regular":
        return "backup"
    if kind == "before-restore":
        return "file replaced by a restore"
    if kind.startswith("pre-v"):
        return f"before upgrade to schema v{kind[5:]}"
    return kind


def _print_list(items: list[backups.Backup]) -> None:
    if not items:
        print("No backups yet. `kquiz backup` makes one.")
        return
    for number, item in enumerate(items, start=1):
        when = item.created.strftime("%Y-%m-%d %H:%M UTC")
        print(f"{number:3d}  {when}  {_size(item.size):>8}  {item.name}  ({_describe(item.kind)})")


def _backup(args: argparse.Namespace) -> int:
    if args.list:
        _print_list(backups.list_backups(args.data_dir))
        return 0
    made = backups.backup_now(args.data_dir)
    print(f"Backed up progress to {made.path} ({_size(made.size)}).")
    return 0


def _restore(args: argparse.Namespace) -> int:
    if args.backup is None:
        _print_list(backups.list_backups(args.data_dir))
        print("\nRestore one with `kquiz restore NUMBER` or `kquiz restore FILE` (close kquiz first).")
        return 0
    result = backups.restore(args.backup, args.data_dir)
    print(f"Restored progress from {result.restored.name}.")
    if result.set_aside is not None:
        print(f"The previous progress file was kept at {result.set_aside}.")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser(
        "backup",
        help="back up your progress now",
        description="Make a backup of the progress file now (SQLite online backup). Backups are kept "
        "in the data folder's backups/: the newest per day for 7 days, per week for 4 weeks, per month "
        "for 6 months.",
    )
    backup.add_argument("--list", action="store_true", help="list backups instead of making one")
    backup.set_defaults(handler=_backup)
    restore = subparsers.add_parser(
        "restore",
        help="list backups, or restore one",
        description="Without BACKUP, list backups (newest first). With BACKUP (a number from the list, "
        "a file name in backups/, or a path), replace the progress file by it; the current file is "
        "kept in backups/ first. Close kquiz before restoring.",
    )
    restore.add_argument("backup", nargs="?", help="number, name or path of the backup to restore")
    restore.set_defaults(handler=_restore)
