"""Every keyboard shortcut of the app, in one table: the help overlay and the screens read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Key:
    keys: str  # as shown to the user
    action: str
    where: str


KEYS: tuple[Key, ...] = (
    Key("Enter", "Study the selected deck or topic", "Library"),
    Key("P", "Practice the selection (schedule untouched)", "Library"),
    Key("C", "Custom study (tag, leeches, failed today)", "Library"),
    Key("Space / Enter", "Show answer; accept the suggested grade", "Study"),
    Key("1 – 4", "Again / Hard / Good / Easy (overrides a suggested grade)", "Study"),
    Key("1 – 9", "Pick a choice", "Study"),
    Key("T / F", "True / False", "Study"),
    Key("Enter", "Check a typed answer (on an empty line: show the answer)", "Study"),
    Key("Ctrl+H", "Hint for a typed answer (a right answer then counts as Hard)", "Study"),
    Key("Ctrl+Z", "Undo the last answer", "Study"),
    Key("S", "Suspend the card", "Study"),
    Key("B", "Bury the card until tomorrow", "Study"),
    Key("Ctrl+Shift+S / B / E", "Suspend, bury, edit while typing an answer", "Study"),
    Key("F / Ctrl+F", "Flag or unflag the card (on a true/false question F means False)", "Study"),
    Key("E", "Edit the card's deck file at its line", "Study"),
    Key("Esc", "Leave the session", "Study"),
    Key("PgUp / PgDn, ↑ / ↓", "Scroll a card taller than the window", "Study"),
    Key("C", "Continue the session (when offered)", "Summary"),
    Key("Enter / Esc", "Back to the decks (Enter continues when learning cards are due again)", "Summary"),
    Key("? / F1", "Show or hide this list", "Anywhere"),
    Key("Ctrl+O", "Open a folder of decks", "Anywhere"),
    Key("Ctrl+R", "Reload the decks", "Anywhere"),
    Key("Ctrl+T", "Stats", "Anywhere"),
    Key("Ctrl+,", "Settings", "Anywhere"),
    Key("Ctrl+Q", "Quit", "Anywhere"),
)
