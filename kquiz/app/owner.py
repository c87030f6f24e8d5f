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
