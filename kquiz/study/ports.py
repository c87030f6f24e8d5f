"""What the study core needs from a progress store (``kquiz.storage.ProgressStore`` provides it).

The front door picks the concrete store; study code depends only on this protocol.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Protocol

from kquiz.domain import CardKey, Progress, ReviewRecord, StudyMode


class ProgressStoreLike(Protocol):
    def all_progress(self, deck_ids: Iterable[str] | None = None) -> dict[CardKey, Progress]: ...

    def save_progress(self, progress: Progress) -> None: ...

    def save_many(self, rows: Iterable[Progress]) -> None: ...

    def delete_progress(self, keys: Iterable[CardKey]) -> int: ...

    def record_review(self, record: ReviewRecord, progress: Progress | None) -> ReviewRecord: ...

    def undo_review(self, review_id: int, restore: Progress | None) -> None: ...

    def iter_reviews(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        deck_ids: Iterable[str] | None = None,
        mode: StudyMode | None = None,
    ) -> Iterator[ReviewRecord]: ...
