"""Schema migrations, one module per step. Each ``migrate(conn)`` runs inside one transaction
opened by the runner, which also sets ``PRAGMA user_version`` to the module's VERSION.

Listed explicitly (not discovered) so a frozen bundle carries every step.
To add a step: write ``mNNNN_<what>.py`` with VERSION = N and ``migrate``, append it here,
and commit a fixture of the previous version under tests/data/stores/ (scripts in that folder).
"""

from __future__ import annotations

from types import ModuleType

from kquiz.storage.migrations import (
    m0001_initial,
    m0002_flags_settings,
    m0003_study_days,
    m0004_sync,
    m0005_writer_uids,
)

MIGRATIONS: tuple[ModuleType, ...] = (
    m0001_initial,
    m0002_flags_settings,
    m0003_study_days,
    m0004_sync,
    m0005_writer_uids,
)

SCHEMA_VERSION: int = MIGRATIONS[-1].VERSION

assert [m.VERSION for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
