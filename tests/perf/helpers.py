"""A small deck using every card type and every optional field, for the cache tests."""

from __future__ import annotations

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)


def all_kinds_deck() -> str:
    return """kquiz: 1
id: all-kinds
title: "Every card type"
description: A deck for the cache tests.
language: en
authors: [Tester One, Tester Two]
topics:
  - {id: pharm, title: Pharmacology}
  - {id: risks, title: Risks}
sources:
  - id: s1
    title: An article
    publisher: A publisher
    url: https://example.org/a
    sections: [Intro, Safety]
  - {id: s2, title: Another, sections: [Body]}
cards:
  - id: b1
    type: basic
    topic: pharm
    front: What blocks NMDA?
    back: Ketamine.
    explanation: It is an NMDA receptor antagonist.
    note: The article overstates this.
    tags: [nmda, core]
    image: img/fig.png
    alt: A figure
    source: [{id: s1, section: Intro}, {id: s2, section: Body}]
  - id: r1
    type: reversed
    topic: pharm
    front: NMDA antagonist
    back: Ketamine
    source: {id: s1, section: Intro}
  - id: z1
    type: cloze
    topic: risks
    text: "Ketamine can raise {{c1::blood pressure}} and {{c2::heart rate::a vital sign}}."
    source: {id: s1, section: Safety}
  - id: m1
    type: choice
    topic: pharm
    prompt: Which receptor does ketamine mainly block?
    choices:
      - {text: NMDA, correct: true}
      - {text: GABA-A}
      - {text: Mu-opioid}
    explanation: NMDA.
  - id: t1
    type: truefalse
    topic: risks
    statement: Ketamine is an opioid.
    answer: false
  - id: y1
    type: typed
    topic: pharm
    prompt: Name the drug class.
    answers: [dissociative anaesthetic, dissociative]
    tags: [class]
  - id: o1
    type: occlusion
    topic: pharm
    image: img/fig.png
    alt: A figure with two labelled parts
    mode: hide-all
    regions:
      - {name: left, answer: the pore, rect: [0.1, 0.1, 0.3, 0.5]}
      - {name: right, answer: the site, polygon: [[0.5, 0.5], [0.9, 0.5], [0.7, 0.9]]}
"""
