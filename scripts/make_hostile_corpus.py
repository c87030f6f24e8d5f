#!/usr/bin/env python3
"""Write the hostile-deck corpus in tests/data/hostile/ (small files only).

Huge inputs (50 MB file, multi-megabyte strings) and symlinks are made by the tests at run
time instead of being committed. Re-run after changing a case:  python3 scripts/make_hostile_corpus.py
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "hostile"

HEAD = """kquiz: 1
id: {id}
title: Hostile {id}
topics:
  - {{id: risks, title: Risks}}
sources:
  - id: s1
    title: An article
    publisher: A publisher
    sections: [Intro]
"""

CARD = """  - id: {cid}
    type: basic
    topic: risks
    front: Question {cid}
    back: Answer {cid}
    source: {{id: s1, section: Intro}}
"""


def deck(deck_id: str, cards: str) -> str:
    return HEAD.format(id=deck_id) + "cards:\n" + cards


def text_cases() -> dict[str, str]:
    ok_card = CARD.format(cid="c1")
    laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        laughs.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return {
        "alias_bomb.yaml": "kquiz: 1\nid: bomb\ntitle: Bomb\n" + "\n".join(laughs) + "\ncards: *a9\n",
        "alias_recursive.yaml": "kquiz: 1\nid: loop\ntitle: Loop\ncards: &x [*x]\n",
        "deep_nesting.yaml": "kquiz: 1\nid: deep\ntitle: Deep\ncards: " + "[" * 5000 + "]" * 5000 + "\n",
        "deep_mappings.yaml": "kquiz: 1\nid: deepmap\ntitle: Deep\nx: "
        + "{a: " * 3000
        + "1"
        + "}" * 3000
        + "\n",
        "python_object_tag.yaml": 'kquiz: 1\nid: evil\ntitle: !!python/object/apply:os.system ["echo pwned"]\ncards: []\n',
        "python_name_tag.yaml": "kquiz: 1\nid: evil2\ntitle: !!python/name:os.system\ncards: []\n",
        "tabs_for_indent.yaml": "kquiz: 1\nid: tabs\ntitle: Tabs\ncards:\n\t- id: c1\n\t  type: basic\n",
        "duplicate_keys.yaml": deck("dupkeys", ok_card).replace(
            "title: Hostile dupkeys\n", "title: Hostile dupkeys\ntitle: Again\n"
        ),
        "top_level_list.yaml": "- kquiz: 1\n- id: list\n",
        "top_level_scalar.yaml": "just a sentence, not a deck\n",
        "empty.yaml": "",
        "only_comments.yaml": "# nothing here\n# at all\n",
        "multi_document.yaml": deck("multi", ok_card) + "---\n" + deck("multi2", ok_card),
        "wrong_types.yaml": (
            "kquiz: 1\nid: types\ntitle: 42\nauthors: someone\ntopics: nope\nsources: {}\n"
            "cards:\n  - id: 7\n    type: truefalse\n    topic: [risks]\n    statement: {a: b}\n"
            "    answer: maybe\n    tags: one-tag\n"
        ),
        "wrong_version.yaml": deck("ver", ok_card).replace("kquiz: 1", "kquiz: 2"),
        "missing_version.yaml": deck("nover", ok_card).replace("kquiz: 1\n", ""),
        "bad_id_slug.yaml": deck("Bad Id!", ok_card),
        "unknown_card_type.yaml": deck("utype", ok_card.replace("type: basic", "type: essay")),
        "missing_required.yaml": deck("missing", "  - id: c1\n    type: choice\n    topic: risks\n"),
        "duplicate_card_ids.yaml": deck("dupids", ok_card + ok_card),
        "unknown_topic.yaml": deck("utopic", ok_card.replace("topic: risks", "topic: astrology")),
        "unknown_source.yaml": deck("usource", ok_card.replace("id: s1, section", "id: s9, section")),
        "unknown_section.yaml": deck("usection", ok_card.replace("section: Intro", "section: Nowhere")),
        "image_dotdot.yaml": deck("imgdots", ok_card + "    image: ../../../etc/passwd\n"),
        "image_absolute.yaml": deck("imgabs", ok_card + "    image: /etc/passwd\n"),
        "image_missing.yaml": deck("imgmiss", ok_card + "    image: images/not-there.png\n"),
        "image_url.yaml": deck("imgurl", ok_card + "    image: https://example.invalid/tracker.png\n"),
        "cloze_unclosed.yaml": deck(
            "clz1",
            "  - id: z1\n    type: cloze\n    topic: risks\n"
            '    text: "Ketamine blocks the {{c1::NMDA receptor."\n'
            "    source: {id: s1, section: Intro}\n",
        ),
        "cloze_gap.yaml": deck(
            "clz2",
            "  - id: z1\n    type: cloze\n    topic: risks\n"
            '    text: "{{c1::Ketamine}} blocks the {{c3::NMDA}} receptor."\n'
            "    source: {id: s1, section: Intro}\n",
        ),
        "cloze_none.yaml": deck(
            "clz3",
            "  - id: z1\n    type: cloze\n    topic: risks\n"
            '    text: "No blanks at all here."\n'
            "    source: {id: s1, section: Intro}\n",
        ),
        "choice_no_correct.yaml": deck(
            "ch1",
            "  - id: m1\n    type: choice\n    topic: risks\n"
            "    prompt: Pick one\n    choices:\n      - {text: A}\n      - {text: B}\n"
            "    source: {id: s1, section: Intro}\n",
        ),
        "choice_single.yaml": deck(
            "ch2",
            "  - id: m1\n    type: choice\n    topic: risks\n"
            "    prompt: Pick one\n    choices:\n      - {text: A, correct: true}\n"
            "    source: {id: s1, section: Intro}\n",
        ),
        "choice_duplicate_texts.yaml": deck(
            "ch3",
            "  - id: m1\n    type: choice\n    topic: risks\n"
            "    prompt: Pick one\n    choices:\n      - {text: A, correct: true}\n"
            "      - {text: A}\n    source: {id: s1, section: Intro}\n",
        ),
        "yaml_syntax_error.yaml": 'kquiz: 1\nid: syntax\ntitle: "never closed\ncards: []\n',
        # issue 21: work bounded by the input
        "many_problems.yaml": "kquiz: 1\nid: many\ntitle: Many\ncards:\n"
        + "".join(f"  - x{i}\n" for i in range(1000)),
        "alias_text_bomb.yaml": "kquiz: 1\nid: textbomb\ntitle: Text bomb\nx-text: &t "
        + "a" * 10_000
        + "\ncards: ["
        + ", ".join(["*t"] * 1001)
        + "]\n",
        "long_integer.yaml": "kquiz: " + "1" * 5000 + "\nid: digits\ntitle: Digits\ncards: []\n",
        "unknown_field.yaml": deck("extra", ok_card + "    onclick: alert(1)\n"),
    }


def large_cases() -> dict[str, str]:
    """Decks under the 10 MB limit that once took minutes or gigabytes (issue 21); made at run time
    by tests/reliability/test_bounded_work.py and benchmarks/bench_hostile.py, never committed."""
    cloze_head = deck("clozes", "") + "  - id: c0\n    type: cloze\n    topic: risks\n    text: &t "
    aliases = "".join(
        f"  - id: c{i}\n    type: cloze\n    topic: risks\n    text: *t\n" for i in range(1, 1001)
    )
    items, size = ["kquiz: 1\nid: items\ntitle: Items\ncards:\n"], 0
    while size < 9_900_000:
        items.append(f"  - x{len(items)}\n")
        size += len(items[-1])
    unique = ", ".join(f"{{a: {i}}}" for i in range(60_000))
    return {
        # ~1.1M bare list items: one problem each (was > 5 GB, killed at 120 s)
        "large_bare_items.yaml": "".join(items),
        # a text of 49,990 '{{' aliased by 19 cards (was 54 s, 506 MB, ~1M lines printed)
        "large_cloze_slips.yaml": cloze_head
        + '"'
        + "{{" * 49_990
        + '"\n'
        + "".join(f"  - id: c{i}\n    type: cloze\n    topic: risks\n    text: *t\n" for i in range(1, 20)),
        # a valid ~100k-character cloze text aliased by 1,000 cards (was 13 s)
        "large_cloze_aliased.yaml": cloze_head + '"' + "word {{c1::x}} " * 6_600 + '"\n' + aliases,
        # 60,000 distinct mappings in a list that must hold unique texts (pairwise: hours)
        "large_unique_items.yaml": HEAD.format(id="uniq").replace("[Intro]", f"[{unique}]")
        + "cards:\n"
        + CARD.format(cid="c1"),
        # 170,000 cards citing an unknown topic, each a separate problem
        "large_unknown_topics.yaml": deck(
            "topics",
            "".join(f"  - {{id: c{i}, type: basic, topic: t, front: q, back: a}}\n" for i in range(170_000)),
        ),
    }


def byte_cases() -> dict[str, bytes]:
    good = deck("bytes", CARD.format(cid="c1"))
    return {
        "invalid_utf8.yaml": good.replace("Answer c1", "Answer \udcff").encode("utf-8", "surrogateescape"),
        "utf16_le_bom.yaml": good.encode("utf-16"),
        "nul_bytes.yaml": good.replace("Question c1", "Question\x00c1").encode("utf-8"),
        "binary_garbage.yaml": bytes((i * 97 + 13) % 256 for i in range(4096)),
        "latin1.yaml": good.replace("Answer c1", "Réponse c1").encode("latin-1"),
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in text_cases().items():
        (OUT / name).write_text(text, encoding="utf-8")
    for name, data in byte_cases().items():
        (OUT / name).write_bytes(data)
    print(f"wrote {len(text_cases()) + len(byte_cases())} hostile decks to {OUT}")


if __name__ == "__main__":
    main()
