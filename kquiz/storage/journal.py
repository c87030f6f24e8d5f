"""The sync journal's tables (schema v4): a read-only snapshot and one checked write, both off the owner.

``JournalReader`` reads through a connection of its own inside one read transaction, so a worker sees
one committed snapshot while the owner keeps answering. ``install`` writes what a sync round decided in
one transaction through a write connection of its own (a worker's), after checking inside that
transaction that nothing it read has changed meanwhile (otherwise it returns False and writes nothing:
the next round starts again from the new state).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from kquiz.domain import CardKey, Progress
from kquiz.errors import StorageError
from kquiz.storage import codec, opening

# a review as it travels: its uid, then every column of the log but the local id
REVIEW_SYNC_COLUMNS = ("uid", *codec.REVIEW_COLUMNS[1:])
_RS = ", ".join(REVIEW_SYNC_COLUMNS)
_RS_OF_R = ", ".join(f"r.{c}" for c in REVIEW_SYNC_COLUMNS)
_P_COLS = ", ".join(codec.PROGRESS_COLUMNS)
Register = tuple[str, int, str]  # (JSON value, at_us, device)
MarkKey = tuple[str, str, str]  # (deck_id, card_id, field)
Cut = tuple[int, str]  # (reviewed_at_us, uid) of the last review a reset covered
_CHUNK = 500  # ids bound in one query (SQLite allows at least 999 variables)


@dataclass(frozen=True, slots=True)
class Stamp:
    """What an install checks is unchanged since the snapshot: the log's ends and the touched rows."""

    max_review_id: int
    max_tombstone_seq: int


@dataclass(slots=True)
class Snapshot:
    stamp: Stamp
    marks: dict[MarkKey, Register]
    resets: dict[CardKey, Cut]
    settings: dict[str, Register]
    segments: set[tuple[str, str]]  # (device, file name) applied or written
    tombstones: set[str]
    progress: dict[CardKey, Progress]  # rows with a mark set or a mark register (see _MARKED)
    max_gone_seq: int = 0


# progress rows with a mark set or a mark register: the only rows whose marks can differ from the registers
_MARKED = f"""SELECT {_P_COLS} FROM progress p
    WHERE p.suspended OR p.flagged OR p.leech OR p.buried_until_us IS NOT NULL
       OR EXISTS (SELECT 1 FROM sync_marks m WHERE m.deck_id = p.deck_id AND m.card_id = p.card_id)"""


class JournalReader:
    """Use as a context manager; every method reads the same committed snapshot."""

    def __init__(self, path: Path):
        self._conn = opening.connect(Path(path), read_only=True)
        self._conn.execute("BEGIN")

    def __enter__(self) -> JournalReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self._conn.close()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._conn.execute(sql, tuple(params)).fetchall()

    def raw_setting(self, name: str) -> str | None:
        """A settings row's JSON text as stored (None: no row)."""
        rows = self._rows("SELECT value FROM settings WHERE name = ?", (name,))
        return str(rows[0][0]) if rows else None

    def setting(self, name: str, default: Any = None) -> Any:
        raw = self.raw_setting(name)
        try:
            return json.loads(raw) if raw is not None else default
        except ValueError:
            return default

    def snapshot(self) -> Snapshot:
        stamp = Stamp(
            int(self._rows("SELECT COALESCE(MAX(id), 0) FROM review_log")[0][0]),
            int(self._rows("SELECT COALESCE(MAX(seq), 0) FROM sync_tombstones")[0][0]),
        )
        return Snapshot(
            stamp=stamp,
            marks={(d, c, f): (v, at, dev) for d, c, f, v, at, dev in self._rows("SELECT * FROM sync_marks")},
            resets={CardKey(d, c): (cut, uid) for d, c, cut, uid in self._rows("SELECT * FROM sync_resets")},
            settings={n: (v, at, dev) for n, v, at, dev in self._rows("SELECT * FROM sync_settings")},
            segments={(d, n) for d, n in self._rows("SELECT device, name FROM sync_segments")},
            tombstones={u for (u,) in self._rows("SELECT uid FROM sync_tombstones")},
            max_gone_seq=int(self._rows("SELECT COALESCE(MAX(seq), 0) FROM sync_gone")[0][0]),
            progress={p.key: p for p in map(codec.progress_from, self._rows(_MARKED))},
        )

    def local_reviews(self, after_id: int, up_to_id: int) -> list[tuple[Any, ...]]:
        """Reviews answered here (not merged) with after_id < id <= up_to_id, as REVIEW_SYNC_COLUMNS."""
        return self._rows(
            f"SELECT {_RS} FROM review_log WHERE id > ? AND id <= ? AND origin IS NULL ORDER BY id",
            (after_id, up_to_id),
        )

    def local_tombstones(self, after_seq: int, up_to_seq: int) -> list[str]:
        rows = self._rows(
            "SELECT uid FROM sync_tombstones WHERE seq > ? AND seq <= ? AND origin IS NULL ORDER BY seq",
            (after_seq, up_to_seq),
        )
        return [u for (u,) in rows]

    def card_reviews(self, keys: Iterable[CardKey]) -> dict[CardKey, list[tuple[Any, ...]]]:
        """Every logged review of these cards (REVIEW_SYNC_COLUMNS), per card in time order:
        one query, the cards in a TEMP table joined to the log's (deck, card, time) index."""
        wanted = {(key.deck_id, key.card_id): key for key in keys}
        found: dict[tuple[str, str], list[tuple[Any, ...]]] = {pair: [] for pair in wanted}
        if not wanted:
            return {}
        conn = self._conn
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS wanted (deck_id TEXT, card_id TEXT, PRIMARY KEY (deck_id, card_id))"
            " WITHOUT ROWID"
        )
        conn.execute("DELETE FROM temp.wanted")
        conn.executemany("INSERT INTO temp.wanted VALUES (?, ?)", list(found))
        rows = conn.execute(
            f"SELECT {_RS_OF_R} FROM temp.wanted w CROSS JOIN review_log r"  # w first: its few cards
            " ON r.deck_id = w.deck_id AND r.card_id = w.card_id"
            " ORDER BY w.deck_id, w.card_id, r.reviewed_at_us"
        ).fetchall()
        conn.execute("DELETE FROM temp.wanted")
        for row in rows:
            found[(row[2], row[3])].append(row)
        return {wanted[pair]: found[pair] for pair in found}

    def progress_of(self, keys: Iterable[CardKey]) -> dict[CardKey, Progress]:
        return {p.key: p for p in map(codec.progress_from, _by_card(self._conn, _PROGRESS_OF, keys))}

    def _by_uid(self, sql: str, uids: Iterable[str]) -> list[Any]:
        wanted = list(dict.fromkeys(uids))
        rows: list[Any] = []
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            rows += self._rows(sql.format(", ".join("?" * len(chunk))), chunk)
        return rows

    def keys_of(self, uids: Iterable[str]) -> dict[str, CardKey]:
        """The card of each of these reviews that is in the log."""
        sql = "SELECT uid, deck_id, card_id FROM review_log WHERE uid IN ({})"
        return {uid: CardKey(d, c) for uid, d, c in self._by_uid(sql, uids)}

    def known_uids(self, uids: Iterable[str]) -> set[str]:
        return {uid for (uid,) in self._by_uid("SELECT uid FROM review_log WHERE uid IN ({})", uids)}

    def unreset_cards(self, after_seq: int, up_to_seq: int) -> list[tuple[CardKey, Cut]]:
        """Cards whose progress row was deleted since ``after_seq`` (``sync_gone``), still have none, and
        have scheduled reviews after their last reset (a reset, not an undone first answer): each with
        the last such review, which the new reset covers."""
        gone = self._rows(
            "SELECT DISTINCT deck_id, card_id FROM sync_gone WHERE seq > ? AND seq <= ?",
            (after_seq, up_to_seq),
        )
        found: list[tuple[CardKey, Cut]] = []
        for deck_id, card_id in gone:
            if self._rows("SELECT 1 FROM progress WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)):
                continue
            cut = self._rows(
                "SELECT cut_us, cut_uid FROM sync_resets WHERE deck_id = ? AND card_id = ?",
                (deck_id, card_id),
            )
            last = self._rows(
                "SELECT reviewed_at_us, uid FROM review_log WHERE deck_id = ? AND card_id = ?"
                " AND mode = 'scheduled' ORDER BY reviewed_at_us DESC, uid DESC LIMIT 1",
                (deck_id, card_id),
            )
            if last and (not cut or (last[0][0], last[0][1]) > (cut[0][0], cut[0][1])):
                found.append((CardKey(deck_id, card_id), (int(last[0][0]), str(last[0][1]))))
        return found


def _by_card(conn: sqlite3.Connection, sql: str, keys: Iterable[CardKey]) -> list[Any]:
    """``sql`` (``... WHERE deck_id = ? AND card_id IN ({})``) over every key, a chunk of ids a query."""
    by_deck: dict[str, list[str]] = {}
    for key in keys:
        by_deck.setdefault(key.deck_id, []).append(key.card_id)
    rows: list[Any] = []
    for deck_id, card_ids in by_deck.items():
        for i in range(0, len(card_ids), _CHUNK):
            chunk = card_ids[i : i + _CHUNK]
            rows += conn.execute(sql.format(", ".join("?" * len(chunk))), (deck_id, *chunk)).fetchall()
    return rows


_PROGRESS_OF = f"SELECT {_P_COLS} FROM progress WHERE deck_id = ? AND card_id IN ({{}})"


@dataclass(slots=True)
class Changes:
    """Everything one sync round writes, in one transaction."""

    stamp: Stamp
    watched: dict[CardKey, Progress | None]  # progress rows as read; install refuses if any changed
    insert_reviews: list[tuple[Any, ...]] = field(default_factory=list)  # REVIEW_SYNC_COLUMNS + origin
    tombstones: list[tuple[str, str | None]] = field(default_factory=list)  # (uid, origin) to delete
    marks: dict[MarkKey, Register] = field(default_factory=dict)
    resets: dict[CardKey, Cut] = field(default_factory=dict)
    settings: dict[str, Register] = field(default_factory=dict)
    save: list[Progress] = field(default_factory=list)
    delete: list[CardKey] = field(default_factory=list)
    segments: list[tuple[str, str, str]] = field(default_factory=list)  # (device, name, sha256)
    plain_settings: dict[str, Any] = field(default_factory=dict)  # settings table rows to write
    watched_settings: dict[str, str | None] = field(default_factory=dict)  # settings rows as read (JSON)


_BULK = 10_000  # merged reviews from which the log's non-unique indexes may be built again
_TIME_UID = itemgetter(1, 0)  # a review row's order: time, then uid
_CACHE_KIB = 64 * 1024  # the install's page cache: a first merge's index pages stay in memory


def _insert_reviews(conn: sqlite3.Connection, rows: list[tuple[Any, ...]], logged: int) -> None:
    """Merged reviews into the log, in (time, uid) order. When they are many and more than the
    ``logged`` rows already there (a first merge), the log's non-unique indexes are dropped and built
    again afterwards in the same transaction: sorting once costs about half of keeping them row by row
    (the uid index stays: it refuses a review twice)."""
    rebuilt: list[str] = []
    if len(rows) >= _BULK and len(rows) > logged:
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'review_log'"
            " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
        ).fetchall():
            conn.execute(f'DROP INDEX "{name}"')
            rebuilt.append(sql)
    marks = ", ".join("?" * (len(REVIEW_SYNC_COLUMNS) + 1))
    conn.executemany(
        f"INSERT OR IGNORE INTO review_log ({_RS}, origin) VALUES ({marks})", sorted(rows, key=_TIME_UID)
    )
    for sql in rebuilt:
        conn.execute(sql)


def _unchanged(conn: sqlite3.Connection, changes: Changes) -> bool:
    """Whether the log's ends, the watched progress rows and settings are as the snapshot saw them."""
    stamp = Stamp(
        int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM review_log").fetchone()[0]),
        int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM sync_tombstones").fetchone()[0]),
    )
    if stamp != changes.stamp:
        return False
    for name, seen in changes.watched_settings.items():
        row = conn.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
        if (row[0] if row else None) != seen:
            return False
    now = {p.key: p for p in map(codec.progress_from, _by_card(conn, _PROGRESS_OF, changes.watched))}
    return all(now.get(key) == seen for key, seen in changes.watched.items())


def install(path: Path, changes: Changes, now_us: int) -> bool:
    """Write ``changes`` into the store at ``path`` in one transaction, through a connection of its
    own: any thread may call it (the one exception to the owner-thread rule, kquiz/app/core.py).

    Optimistic: inside the write transaction (BEGIN IMMEDIATE: no other writer until it ends) it first
    checks that nothing the round read has changed since its snapshot (the log's ends, the watched
    progress rows and settings); if something did (an answer meanwhile), it writes nothing and
    returns False, and the round is run again from the new state. A crash anywhere rolls it back whole."""
    conn = opening.connect(Path(path))
    try:
        opening.apply_pragmas(conn)
        conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        conn.execute("BEGIN IMMEDIATE")
        try:
            if not _unchanged(conn, changes):
                conn.execute("ROLLBACK")
                return False
            _write(conn, changes, now_us)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return True
    except sqlite3.Error as exc:
        raise StorageError(
            f"Could not save what sync brought: {exc}. Everything saved before is safe."
        ) from exc
    finally:
        conn.close()


def _write(conn: sqlite3.Connection, changes: Changes, now_us: int) -> None:
    conn.executemany("INSERT OR IGNORE INTO sync_tombstones (uid, origin) VALUES (?, ?)", changes.tombstones)
    conn.executemany("DELETE FROM review_log WHERE uid = ?", [(u,) for u, _ in changes.tombstones])
    _insert_reviews(conn, changes.insert_reviews, changes.stamp.max_review_id)
    conn.executemany(
        "INSERT OR REPLACE INTO sync_marks VALUES (?, ?, ?, ?, ?, ?)",
        [(*k, *v) for k, v in changes.marks.items()],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO sync_resets VALUES (?, ?, ?, ?)",
        [(k.deck_id, k.card_id, *v) for k, v in changes.resets.items()],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO sync_settings VALUES (?, ?, ?, ?)",
        [(n, *v) for n, v in changes.settings.items()],
    )
    upsert = ", ".join("?" * len(codec.PROGRESS_COLUMNS))
    conn.executemany(
        f"INSERT OR REPLACE INTO progress ({_P_COLS}) VALUES ({upsert})",
        [codec.progress_values(p) for p in changes.save],
    )
    conn.executemany(
        "DELETE FROM progress WHERE deck_id = ? AND card_id = ?",
        [(k.deck_id, k.card_id) for k in changes.delete],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO sync_segments VALUES (?, ?, ?, ?)", [(*s, now_us) for s in changes.segments]
    )
    conn.executemany(
        "INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)",
        [(n, json.dumps(v, sort_keys=True, allow_nan=False)) for n, v in changes.plain_settings.items()],
    )
