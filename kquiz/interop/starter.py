"""``kquiz new``: a valid starter deck with one card of each type and comments on every field."""

from __future__ import annotations

import json
from pathlib import Path

from kquiz.errors import DeckError, InteropError
from kquiz.interop.files import atomic_write
from kquiz.interop.ids import is_valid_slug, slugify
from kquiz.interop.schema_ref import resolve_schema_ref, schema_comment

TEMPLATE = """\
# {modeline}
# The line above lets editors (VS Code with the YAML extension, and others using yaml-language-server)
# complete field names and underline mistakes as you type. See docs/authoring.md.
# Check the deck any time with:  kquiz validate {file_name}
# While kquiz is open, saving this file reloads the deck; a mistake shows a banner with its line.

kquiz: 1                 # deck format version: always 1 for now
# id: the deck's stable id. Progress is stored under (deck id, card id): do not change it later.
id: {deck_id}
title: {title}
description: >-
  One or two sentences on what this deck teaches and for whom.
language: en             # language of the cards (en, de, fr, ...)
authors: [Your Name]

topics:                  # study filters; every card belongs to one topic
  - id: basics
    title: Basics

sources:                 # what cards cite; each card says where its fact comes from
  - id: s1
    title: Title of the article or book
    publisher: Who published it
    url: https://example.org/article      # optional
    sections:                              # headings a card may cite
      - Introduction

cards:
  # basic: a question on the front, the answer on the back; the learner flips and grades 1-4.
  - id: drug-class                 # stable and unique in this deck: keep it when you edit the text
    type: basic
    topic: basics                  # one of the topic ids above
    front: What class of drug is ketamine?
    back: A dissociative anaesthetic.
    explanation: >-               # optional: shown after answering
      It produces a trance-like state with pain relief and amnesia while
      breathing and airway reflexes are largely kept.
    source: {{id: s1, section: Introduction}}   # or a list of such citations
    tags: [pharmacology]           # optional: free labels without spaces
    # image: images/structure.png  # optional: a picture next to this file (SVG, PNG, JPEG), shown
    # alt: The 2D structure of ketamine   # with the question; alt (required with it) says what it shows
    # answer_image: images/answer.svg     # optional: a picture shown with the answer (and answer_alt)

  # occlusion: a picture with labelled regions, each hidden in turn (one card per region, its id
  # <id>.<name>); type the label or show the answer. Coordinates are fractions of the picture's width
  # and height (rect: [x, y, width, height], or polygon: [[x, y], ...]); mode hide-one leaves the
  # other regions visible, hide-all covers them too. kquiz new wrote this small drawing for it.
  - id: receptor-parts
    type: occlusion
    topic: basics
    image: images/starter-receptor.svg
    alt: A receptor drawn as two blocks in a membrane, a channel between them and a binding site on top
    mode: hide-one
    regions:
      - {{name: channel, answer: channel pore, rect: [0.42, 0.62, 0.16, 0.12]}}
      - {{name: site, answer: binding site, polygon: [[0.62, 0.08], [0.86, 0.08], [0.86, 0.22], [0.62, 0.22]]}}
    source: {{id: s1, section: Introduction}}

  # reversed: studied back-first: the learner sees the back and recalls the front.
  - id: nmda-name
    type: reversed
    topic: basics
    front: NMDA
    back: N-methyl-D-aspartate, the glutamate receptor ketamine blocks
    source: {{id: s1, section: Introduction}}

  # cloze: hide the text between {{{{c1::...}}}}; add a hint after a second :: ({{{{c1::answer::hint}}}}).
  # All blanks of a card are asked together; number them c1, c2, ... in order.
  - id: nmda-cloze
    type: cloze
    topic: basics
    text: Ketamine blocks the {{{{c1::NMDA::a glutamate receptor}}}} receptor.
    source: {{id: s1, section: Introduction}}

  # choice: at least two choices, one or more marked correct. Good wrong choices are plausible:
  # things learners really confuse with the right answer.
  - id: main-target
    type: choice
    topic: basics
    prompt: Which receptor does ketamine mainly act on?
    choices:
      - {{text: NMDA glutamate receptor, correct: true}}
      - {{text: GABA-A receptor}}
      - {{text: Mu-opioid receptor}}
      - {{text: Serotonin 5-HT3 receptor}}
    explanation: Propofol and benzodiazepines act on GABA-A receptors; opioids on mu-opioid receptors.
    source: {{id: s1, section: Introduction}}

  # truefalse: a statement and whether it is true. Build false ones from real misconceptions.
  - id: not-an-opioid
    type: truefalse
    topic: basics
    statement: Ketamine is an opioid.
    answer: false
    explanation: It is a dissociative anaesthetic; its main action is blocking NMDA receptors.
    note: >-                      # optional: an accuracy note, e.g. where a source is imprecise
      Ketamine has weak effects at opioid receptors, which some articles overstate.
    source: {{id: s1, section: Introduction}}

  # typed: the learner types the answer; every entry in answers is accepted. Case, accents,
  # punctuation and spacing are ignored, and one small typo is forgiven in longer answers.
  - id: s-enantiomer
    type: typed
    topic: basics
    prompt: What is the S-enantiomer of ketamine, given as a nasal spray for depression, called?
    answers: [esketamine, S-ketamine]
    source: {{id: s1, section: Introduction}}
"""


def starter_text(title: str, deck_id: str, file_name: str, schema_ref: str) -> str:
    return TEMPLATE.format(
        modeline=schema_comment(schema_ref),
        deck_id=deck_id,
        title=json.dumps(title, ensure_ascii=False),
        file_name=file_name,
    )


def write_starter(out: Path, title: str, *, deck_id: str | None = None, schema: str | None = None) -> str:
    """Write a new deck to ``out`` (never over an existing file); returns its deck id."""
    if not title.strip():
        raise InteropError("the deck needs a title (--title)")
    if out.suffix.lower() not in {".yaml", ".yml"}:
        raise InteropError(f"{out}: a deck file name ends in .yaml (or .yml)")
    if out.exists():
        raise InteropError(f"{out}: already exists; kquiz new never overwrites a file")
    deck_id = deck_id or slugify(out.stem, max_len=64, empty="my-deck")
    if not is_valid_slug(deck_id):
        raise InteropError(
            f"deck id {deck_id!r} is not valid: use lower-case letters, digits and single "
            "dashes, e.g. ketamine-basics"
        )
    text = starter_text(title.strip(), deck_id, out.name, resolve_schema_ref(schema, out))
    picture = out.parent / STARTER_IMAGE
    if not picture.exists():
        picture.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(picture, STARTER_SVG, overwrite=False)
    from kquiz.decks import load_text

    try:
        load_text(text, str(out), base_dir=out.parent.resolve())
    except DeckError as exc:  # the template is tested; this guards against a broken install
        raise InteropError(
            f"the starter deck does not validate (a kquiz bug):\n{exc}", exc.problems
        ) from None
    atomic_write(out, text, overwrite=False)
    return deck_id


STARTER_IMAGE = "images/starter-receptor.svg"  # the occlusion example's picture, written beside the deck
STARTER_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="400" height="240" viewBox="0 0 400 240"
 font-family="sans-serif" font-size="14">
  <title>A receptor in a membrane</title>
  <rect x="0" y="90" width="400" height="60" fill="#e08a2c" fill-opacity="0.15"/>
  <rect x="110" y="50" width="60" height="140" rx="20" fill="#4a7fd6" fill-opacity="0.3" stroke="#4a7fd6"/>
  <rect x="230" y="50" width="60" height="140" rx="20" fill="#4a7fd6" fill-opacity="0.3" stroke="#4a7fd6"/>
  <line x1="200" y1="60" x2="200" y2="180" stroke="currentColor" stroke-dasharray="4,4"/>
  <circle cx="260" cy="44" r="9" fill="#3a9b5c"/>
  <text x="295" y="38" fill="currentColor">binding site</text>
  <text x="200" y="168" text-anchor="middle" fill="currentColor">channel pore</text>
</svg>
"""
