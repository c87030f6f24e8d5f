"""The owner-thread check of the core's mutating methods (the threading rule: kquiz/app/core.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar


class Owned(Protocol):
    """What ``owner_only`` needs of the object it checks (``Core`` and its parts)."""

    _check_threads: bool

    def _check_thread(self, what: str) -> None: ...


_S = TypeVar("_S", bound=Owned)
_P = ParamSpec("_P")
_R = TypeVar("_R")


def owner_only(method: Callable[Concatenate[_S, _P], _R]) -> Callable[Concatenate[_S, _P], _R]:
    """A method that writes the store or changes the core: the owner thread only (checked in debug)."""

    @functools.wraps(method)
    def checked(self: _S, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        if self._check_threads:
            self._check_thread(method.__name__)
        return method(self, *args, **kwargs)

    return checked


class SideWriting(Owned, Protocol):
    """What ``side_writer`` needs: the owner-thread check and the store's own connection's state."""

    def _check_side_write(self, what: str) -> None: ...


_W = TypeVar("_W", bound=SideWriting)


def side_writer(fn: Callable[Concatenate[_W, _P], _R]) -> Callable[Concatenate[_W, _P], _R]:
    """The one exception to ``owner_only``: a sync round's install, which writes through a SQLite
    connection of its own in one transaction that first checks that nothing it read has changed
    (kquiz/storage/journal.py), so it may run on any thread (the app runs it on a worker). Checked in
    debug mode instead: never inside the store's own write transaction on the owner thread, where it
    would wait for a lock its own thread holds."""

    @functools.wraps(fn)
    def checked(self: _W, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        if self._check_threads:
            self._check_side_write(fn.__name__)
        return fn(self, *args, **kwargs)

    return checked
