"""The corpus of authoring slips: a small, valid deck and, per slip, the one edit that breaks it the way
educators do, with the position, the message and the hint kquiz must give (one message per slip).

The YAML slips are here, the content slips (types, references, cloze) in tests/decks/slip_corpus.py,
which also joins them into ``SLIPS``. tests/decks/test_slips.py checks each through ``load_text`` and ``kquiz validate`` (text and JSON),
tests/ui/test_slip_banner.py through the app's reload banner, and scripts/common_mistakes.py writes
the "Common mistakes" section of docs/authoring.md from it (tests/decks/test_slips.py checks it is
up to date).
"""

from __future__ import annotations

from dataclasses import dataclass

BASE = """kquiz: 1
id: moons
title: Moons of the solar system
topics:
  - {id: moons, title: Moons}
  - {id: planets, title: Planets}
sources:
  - id: nasa
    title: NASA Solar System Exploration
    sections: [Overview, Moons of Jupiter]
cards:
  - id: io
    type: basic
    topic: moons
    front: Which moon of Jupiter has the most volcanoes?
    back: Io
    source: {id: nasa, section: Moons of Jupiter}
  - id: europa
    type: truefalse
    topic: moons
    statement: Europa has an ocean under its ice.
    answer: true
  - id: titan
    type: cloze
    topic: moons
    text: "{{c1::Titan}} is the largest moon of Saturn."
  - id: phobos
    type: typed
    topic: moons
    prompt: Name the larger moon of Mars.
    answers: [Phobos]
"""


@dataclass(frozen=True)
class Slip:
    name: str
    title: str  # the heading in docs/authoring.md
    old: str  # a part of BASE (it appears exactly once)
    new: str  # what the educator wrote instead
    pos: tuple[int, int]  # line and column of the one problem
    message: str
    hint: str
    crlf: bool = False  # the file has Windows line endings

    def text(self) -> str:
        text = BASE.replace(self.old, self.new)
        return text.replace("\n", "\r\n") if self.crlf else text

    def line(self) -> str:
        """The line the problem is on, as written."""
        return self.text().replace("\r\n", "\n").split("\n")[self.pos[0] - 1]


SYNTAX_SLIPS = [
    Slip(
        "no-space-after-colon",
        "No space after the ':'",
        "    back: Io\n",
        "    back:Io\n",
        (16, 10),
        "'back:' needs a space after the ':'",
        "write 'back: Io'",
    ),
    Slip(
        "colon",
        "A ': ' inside a text",
        "    front: Which moon of Jupiter has the most volcanoes?\n",
        "    front: Jupiter's moons: which one has the most volcanoes?\n",
        (15, 27),
        "this text contains ': ', which YAML reads as the start of another 'key: value'",
        'put the whole text in quotes: front: "Jupiter\'s moons: which one has the most volcanoes?"',
    ),
    Slip(
        "hash",
        "A '#' that starts a comment inside a text",
        "    front: Which moon of Jupiter has the most volcanoes?\n",
        "    front: Which moon is #1 for volcanoes?\n",
        (15, 26),
        "'#1' starts a comment here, so the text ends at 'Which moon is'",
        "if '#1' belongs to the text, put the whole text in quotes: front: \"Which moon is #1 for volcanoes?\"; if it is a comment, write '# ' with a space",
    ),
    Slip(
        "cloze-start",
        "A cloze text that starts with '{{'",
        '    text: "{{c1::Titan}} is the largest moon of Saturn."\n',
        "    text: {{c1::Titan}} is the largest moon of Saturn.\n",
        (26, 11),
        "the text after 'text:' starts with '{{', which YAML reads as a mapping (a cloze blank at the start needs the whole text in quotes)",
        'put the whole text in quotes: text: "{{c1::Titan}} is the largest moon of Saturn."',
    ),
    Slip(
        "star",
        "A text that starts with '*'",
        "    front: Which moon of Jupiter has the most volcanoes?\n",
        "    front: *Which* moon of Jupiter has the most volcanoes?\n",
        (15, 12),
        "the text after 'front:' starts with '*', which YAML reads as an alias (a reference to an '&' anchor)",
        'put the whole text in quotes: front: "*Which* moon of Jupiter has the most volcanoes?"',
    ),
    Slip(
        "ampersand",
        "A text that starts with '&'",
        "    front: Which moon of Jupiter has the most volcanoes?\n",
        "    front: &c. which moon has the most volcanoes?\n",
        (15, 12),
        "the text after 'front:' starts with '&', which YAML reads as an anchor name",
        'put the whole text in quotes: front: "&c. which moon has the most volcanoes?"',
    ),
    Slip(
        "ampersand-silent",
        "A text that starts with '&' (read as an anchor)",
        "    front: Which moon of Jupiter has the most volcanoes?\n",
        "    front: &Jupiter which moon has the most volcanoes?\n",
        (15, 12),
        "the text starts with '&Jupiter', which YAML reads as an anchor name and drops from the text",
        'put the whole text in quotes: front: "&Jupiter which moon has the most volcanoes?"',
    ),
    Slip(
        "bang",
        "A text that starts with '!'",
        "    front: Which moon of Jupiter has the most volcanoes?\n",
        "    front: !Which moon of Jupiter has the most volcanoes?\n",
        (15, 12),
        "the tag '!Which' is not allowed in a deck (only plain YAML values: text, numbers, true/false, lists and mappings)",
        'if this is text, put the whole text in quotes: front: "!Which moon of Jupiter has the most volcanoes?"',
    ),
    Slip(
        "bracket",
        "A text that starts with '['",
        "    front: Which moon of Jupiter has the most volcanoes?\n",
        "    front: [Jupiter] Which moon has the most volcanoes?\n",
        (15, 12),
        "the text after 'front:' starts with '[', which YAML reads as the start of a list",
        'put the whole text in quotes: front: "[Jupiter] Which moon has the most volcanoes?"',
    ),
    Slip(
        "percent",
        "A text that starts with '%'",
        "    back: Io\n",
        "    back: %90 of its surface\n",
        (16, 11),
        "the text after 'back:' starts with '%', which YAML reads as a directive",
        'put the whole text in quotes: back: "%90 of its surface"',
    ),
    Slip(
        "at",
        "A text that starts with '@'",
        "    front: Which moon of Jupiter has the most volcanoes?\n",
        "    front: @Jupiter which moon has the most volcanoes?\n",
        (15, 12),
        "the text after 'front:' starts with '@', which YAML reads as a reserved character",
        'put the whole text in quotes: front: "@Jupiter which moon has the most volcanoes?"',
    ),
    Slip(
        "backtick",
        "A text that starts with '`'",
        "    front: Which moon of Jupiter has the most volcanoes?\n",
        "    front: `Io` or `Europa`, which has volcanoes?\n",
        (15, 12),
        "the text after 'front:' starts with '`', which YAML reads as a reserved character",
        'put the whole text in quotes: front: "`Io` or `Europa`, which has volcanoes?"',
    ),
    Slip(
        "unclosed-quote",
        "A quote that is never closed",
        "    front: Which moon of Jupiter has the most volcanoes?\n",
        '    front: "Which moon of Jupiter has the most volcanoes?\n',
        (15, 12),
        'the quote (") that starts this text is never closed',
        'end the text with the same quote on the same line: front: "Which moon of Jupiter has the most volcanoes?"',
    ),
    Slip(
        "apostrophe",
        "An apostrophe inside single quotes",
        "    front: Which moon of Jupiter has the most volcanoes?\n",
        "    front: 'Which is Jupiter's most volcanic moon?'\n",
        (15, 29),
        "the text's closing quote (') comes before the end of the text",
        "write '' for a ' inside '…'; or put the whole text in quotes: front: \"Which is Jupiter's most volcanic moon?\"",
    ),
    Slip(
        "too-deep",
        "A field indented too far",
        "    back: Io\n",
        "      back: Io\n",
        (16, 7),
        "this line is indented 6 spaces; the card's other fields use 4",
        "indent 'back:' by 4 spaces, like line 15",
    ),
    Slip(
        "too-shallow",
        "A field not indented far enough",
        "    back: Io\n",
        "   back: Io\n",
        (16, 4),
        "this line is indented 3 spaces; the card's other fields use 4",
        "indent 'back:' by 4 spaces, like line 15",
    ),
    Slip(
        "tab",
        "A tab in the indentation",
        "    back: Io\n",
        "\tback: Io\n",
        (16, 1),
        "this line is indented with a tab; YAML indentation must use spaces",
        "replace the tab with spaces (most editors can show tabs and convert them)",
    ),
    Slip(
        "item-too-deep",
        "A card ('- ') indented too far",
        "  - id: europa\n    type: truefalse\n    topic: moons\n    statement: Europa has an ocean under its ice.\n    answer: true\n",
        "    - id: europa\n      type: truefalse\n      topic: moons\n      statement: Europa has an ocean under its ice.\n      answer: true\n",
        (18, 5),
        "this list item is indented 4 spaces, but the items of 'cards' (line 11) are indented 2",
        "start the '-' in column 3, in line with the items above it",
    ),
    Slip(
        "item-too-shallow",
        "A card ('- ') not indented far enough",
        "  - id: europa\n    type: truefalse\n    topic: moons\n    statement: Europa has an ocean under its ice.\n    answer: true\n",
        " - id: europa\n   type: truefalse\n   topic: moons\n   statement: Europa has an ocean under its ice.\n   answer: true\n",
        (18, 2),
        "this list item is indented 1 space, but the items of 'cards' (line 11) are indented 2",
        "start the '-' in column 3, in line with the items above it",
    ),
    Slip(
        "missing-dash",
        "A card without its '- '",
        "  - id: europa\n",
        "    id: europa\n",
        (18, 5),
        "the keys 'id', 'type', 'topic' appear a second time in this mapping (first at line 12) (fix this first: 2 more problems follow from it)",
        "if line 18 starts a new item (a new card), write '- ' before 'id:', in line with the '- ' of the items above",
    ),
    Slip(
        "missing-dash-at-item-depth",
        "A card without its '- ', at the depth of the '- '",
        "  - id: europa\n    type: truefalse\n    topic: moons\n    statement: Europa has an ocean under its ice.\n    answer: true\n",
        "  id: europa\n  type: truefalse\n  topic: moons\n  statement: Europa has an ocean under its ice.\n  answer: true\n",
        (18, 3),
        "this line is at the depth of the items of 'cards', but does not start with '- '",
        "if it starts a new item, write '- id:'; if it belongs to the item above, indent it like that item's other lines",
    ),
    Slip(
        "duplicate-key",
        "A field written twice",
        "    back: Io\n",
        "    back: Io\n    back: Io (Jupiter I)\n",
        (17, 5),
        "the key 'back' appears twice in this mapping (first at line 16)",
        "keep one of the two 'back:' lines (kquiz uses the first one, at line 16)",
    ),
]
