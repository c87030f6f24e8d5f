"""The settings part of ``Core``: the study settings, the scheduler they make, the FSRS optimizer.

``Core`` takes these methods from :class:`CoreSettings` (the attributes below are the core's own);
the threading rule is in kquiz/app/core.py: ``settings`` and ``scheduler`` read and run on any thread,
the ``@_owner_only`` methods write the store and run on the owner thread only.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kquiz.app.owner import owner_only as _owner_only
from kquiz.clock import Clock
from kquiz.domain import StudyMode
from kquiz.errors import CorruptStore, SettingsError
from kquiz.scheduling import Scheduler
from kquiz.storage import ProgressStore
from kquiz.study.settings import Settings

if TYPE_CHECKING:
    from kquiz.scheduling import FitResult

SETTINGS_KEY = "study_settings"


class CoreSettings:
    """Settings and optimizer methods of ``Core``."""

    store: ProgressStore
    clock: Clock
    _check_threads: bool

    def _check_thread(self, what: str) -> None:
        raise NotImplementedError

    # ---- settings ------------------------------------------------------------------------
    def settings(self) -> Settings:
        try:
            data = self.store.get_setting(SETTINGS_KEY)
            return Settings.from_dict(data) if data else Settings()
        except (SettingsError, CorruptStore):
            return Settings()  # unreadable stored settings: fall back rather than lock the learner out

    @_owner_only
    def save_settings(self, settings: Settings, *, base: Settings | None = None) -> None:
        """Store ``settings``. With ``base`` (what a dialog was opened with), only the fields that
        differ from it are written, onto the settings stored now, in one transaction: a change made
        meanwhile (``kquiz optimize`` in another process, another window) is kept. The optimizer's
        parameters are never taken from ``base``-relative saves."""
        new = settings.validate().to_dict()
        if base is None:
            self.store.set_setting(SETTINGS_KEY, new)
            return
        old = base.to_dict()
        changed = {k: v for k, v in new.items() if k != "scheduling" and v != old.get(k)}
        scheduling = {
            k: v for k, v in new["scheduling"].items() if k != "parameters" and v != old["scheduling"].get(k)
        }

        def merge(current: Any) -> dict[str, Any]:
            stored = current if isinstance(current, dict) else {}
            try:
                stored = Settings.from_dict(stored).to_dict()
            except SettingsError:
                stored = Settings().to_dict()  # unreadable: as settings() reads it
            merged = {**stored, **changed, "scheduling": {**stored["scheduling"], **scheduling}}
            return Settings.from_dict(merged).to_dict()

        self.store.update_setting(SETTINGS_KEY, merge)

    def scheduler(self) -> Scheduler:
        settings = self.settings()
        return Scheduler(settings.scheduling, tz=self.clock.local_tz, rollover_hour=settings.rollover_hour)

    # ---- optimizer -----------------------------------------------------------------------
    @_owner_only
    def optimize(self, *, save: bool = True) -> FitResult:
        """Fit FSRS parameters to this learner's scheduled reviews and store them (unless ``save`` is
        False, or the fit is no better than the defaults). SettingsError below MIN_REVIEWS_FOR_FIT."""
        from kquiz.scheduling import fit_parameters  # fsrs_rs_python: imported here, not at start

        settings = self.settings()
        result = fit_parameters(
            self.store.iter_reviews(mode=StudyMode.SCHEDULED),
            tz=self.clock.local_tz,
            rollover_hour=settings.rollover_hour,
        )
        if save and result.log_loss_after < result.log_loss_before:
            scheduling = replace(settings.scheduling, parameters=tuple(result.parameters))
            self.save_settings(settings.with_changes(scheduling=scheduling))
        return result

    @_owner_only
    def reset_parameters(self) -> None:
        """Go back to the default FSRS parameters (undoes ``optimize``)."""
        settings = self.settings()
        self.save_settings(settings.with_changes(scheduling=replace(settings.scheduling, parameters=None)))
