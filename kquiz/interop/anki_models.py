"""The Anki note types an export uses. Ids are derived from the names, so every export (on any
machine) uses the same note types and Anki recognises them on a second import.

* ``kquiz Basic``: Anki's Basic layout (Front, Back first).
* ``kquiz Reversed``: the same fields, one card asked back-first, as kquiz asks a reversed card.
* ``kquiz Cloze``: a real Anki cloze note type (Text, Back Extra first).
* ``kquiz Quiz``: multiple choice and true/false: the question with its options, the answer on the back.
* ``kquiz Typed``: ``{{type:Answer}}``, so Anki compares what the learner types.
Every type also carries Image, Note and Source fields (and Explanation where Anki has no Back Extra),
and a last field ``kquiz ID`` (``deck id/card id``, shown on no card) that brings a package imported
back into kquiz to the same card ids. ``VERSION`` 2 (with that field, one reversed card) gave the types
new ids; Anki keeps the v1 types of older exports beside them.
"""

from __future__ import annotations

import hashlib

import genanki


def stable_id(name: str) -> int:
    """A positive id in [2**30, 2**31) derived from ``name`` (genanki's recommended range)."""
    digest = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


CSS = """\
.card { font-family: system-ui, sans-serif; font-size: 20px; text-align: center; color: black;
        background-color: white; line-height: 1.4; }
.nightMode .card, .card.nightMode { color: #eee; background-color: #2b2b2b; }
.kq-image img { max-width: 100%; max-height: 40vh; margin-top: 0.5em; }
.kq-options { display: inline-block; text-align: left; }
.kq-answer { font-weight: bold; }
.kq-explanation, .kq-note { font-size: 16px; text-align: left; margin-top: 1em; }
.kq-note { font-style: italic; }
.kq-source { font-size: 13px; color: #777; margin-top: 1em; }
"""

_IMAGE = "{{#Image}}<div class=kq-image>{{Image}}</div>{{/Image}}"
_EXTRAS = (
    "{{#Explanation}}<div class=kq-explanation>{{Explanation}}</div>{{/Explanation}}"
    "{{#Note}}<div class=kq-note>Note: {{Note}}</div>{{/Note}}"
    "{{#Source}}<div class=kq-source>Source: {{Source}}</div>{{/Source}}"
)
_COMMON = ["Image", "Explanation", "Note", "Source"]


def _fields(names: list[str]) -> list[dict[str, str]]:
    return [{"name": name} for name in names]


VERSION = 2
ID_FIELD = "kquiz ID"


def _model(name: str, fields: list[str], templates: list[dict[str, str]], **kw: object) -> genanki.Model:
    return genanki.Model(
        stable_id(f"kquiz-model:{name}:v{VERSION}"),
        name,
        fields=_fields([*fields, ID_FIELD]),
        templates=templates,
        css=CSS,
        **kw,
    )


BASIC = _model(
    "kquiz Basic",
    ["Front", "Back", *_COMMON],
    [
        {
            "name": "Card 1",
            "qfmt": "{{Front}}" + _IMAGE,
            "afmt": "{{FrontSide}}<hr id=answer>{{Back}}" + _EXTRAS,
        }
    ],
)

REVERSED = _model(
    "kquiz Reversed",
    ["Front", "Back", *_COMMON],
    [
        {
            "name": "Back first",
            "qfmt": "{{Back}}" + _IMAGE,
            "afmt": "{{FrontSide}}<hr id=answer>{{Front}}" + _EXTRAS,
        },
    ],
)

CLOZE = _model(
    "kquiz Cloze",
    ["Text", "Back Extra", "Image", "Note", "Source"],
    [
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}" + _IMAGE,
            "afmt": "{{cloze:Text}}"
            + _IMAGE
            + "{{#Back Extra}}<div class=kq-explanation>{{Back Extra}}</div>"
            "{{/Back Extra}}{{#Note}}<div class=kq-note>Note: {{Note}}</div>{{/Note}}"
            "{{#Source}}<div class=kq-source>Source: {{Source}}</div>{{/Source}}",
        }
    ],
    model_type=genanki.Model.CLOZE,
)

QUIZ = _model(
    "kquiz Quiz",
    ["Question", "Options", "Answer", "Kind", *_COMMON],
    [
        {
            "name": "Quiz",
            "qfmt": "{{Question}}{{#Options}}<div><ol class=kq-options type=A>{{Options}}</ol></div>{{/Options}}"
            + _IMAGE,
            "afmt": "{{FrontSide}}<hr id=answer><div class=kq-answer>{{Answer}}</div>" + _EXTRAS,
        }
    ],
)

TYPED = _model(
    "kquiz Typed",
    ["Question", "Answer", "Also accepted", *_COMMON],
    [
        {
            "name": "Typed",
            "qfmt": "{{Question}}" + _IMAGE + "<br>{{type:Answer}}",
            "afmt": "{{Question}}" + _IMAGE + "<hr id=answer>{{type:Answer}}"
            "{{#Also accepted}}<div class=kq-note>Also accepted: {{Also accepted}}</div>{{/Also accepted}}"
            + _EXTRAS,
        }
    ],
)

MODELS = {model.name: model for model in (BASIC, REVERSED, CLOZE, QUIZ, TYPED)}


def choice_order(deck_id: str, card_id: str, count: int) -> list[int]:
    """The order a choice card's options are exported in: ``order[k]`` is the index (in the deck file)
    of the option shown as letter k. Seeded by the card's ids alone, so every re-export gives the same
    letters, and independent of Python's ``random`` (its shuffle may change between versions)."""

    def rank(index: int) -> bytes:
        return hashlib.sha256(f"kquiz-choices:{deck_id}/{card_id}:{index}".encode()).digest()

    return sorted(range(count), key=rank)
