"""Rules the schema cannot express: unique ids, references, choices, cloze markers, images.

Each check tolerates data that failed the schema (wrong types are skipped here; the schema
already reported them), so one pass reports everything.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from kquiz.decks.cloze import cloze_issues
from kquiz.decks.images import SVG_SUFFIX, dark_variant, image_file_problem
from kquiz.decks.schemacheck import label
from kquiz.decks.yamlread import Document, Pos
from kquiz.errors import Problem

Found = tuple[str, "Pos | None", tuple[Any, ...]]
MAX_FOUND = 200  # problems shown per deck; past it they are only counted


def _items(data: Any, name: str) -> list[tuple[int, dict[str, Any]]]:
    seq = data.get(name) if isinstance(data, dict) else None
    if not isinstance(seq, list):
        return []
    return [(i, item) for i, item in enumerate(seq) if isinstance(item, dict)]


def _ids(doc: Document, name: str, kind: str) -> tuple[dict[str, Any], list[Found]]:
    """id -> item for ``topics``/``sources``/``cards``, and problems for ids used twice."""
    known: dict[str, Any] = {}
    first: dict[str, int] = {}
    problems: list[Found] = []
    for i, item in _items(doc.data, name):
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in known:
            if len(problems) >= MAX_FOUND:  # counted only (the loader shows at most MAX_FOUND)
                problems.append(("", None, ()))
                continue
            path = (name, i, "id")
            was = doc.pos((name, first[item_id], "id"))
            problems.append(
                (
                    f"the {kind} id '{item_id}' is used twice in this deck "
                    f"(first at line {was[0] if was else 0})",
                    doc.pos(path),
                    path,
                )
            )
            continue
        known[item_id] = item
        first[item_id] = i
    return known, problems


def _listed(names: Iterable[str]) -> str:
    """Names for a message, at most ten of them."""
    names = list(names)
    shown = ", ".join(names[:10]) + (f" and {len(names) - 10:,} more" if len(names) > 10 else "")
    return shown or "none defined"


def rule_problems(doc: Document, base_dir: Path | None, limit: int = MAX_FOUND) -> tuple[list[Found], int]:
    """The first ``limit`` problems (in card order), and how many more there are.

    Work is bounded by the deck: each distinct text (an aliased one is the same object) is checked
    for cloze slips once, each image path looked up once, and past ``limit`` problems are only counted.
    """
    topics, found = _ids(doc, "topics", "topic")
    sources, more = _ids(doc, "sources", "source")
    cards, cards_dup = _ids(doc, "cards", "card")
    out = found + more
    extra = 0
    names = (_listed(topics), _listed(sources))
    seen_cloze: dict[str, list[tuple[str, int | None]]] = {}
    seen_image: dict[str, str | None] = {}
    for i, card in _items(doc.data, "cards"):
        base = ("cards", i)
        prefix = ""  # named only for a card with a problem (most have none)
        for message, path in _card_problems(card, base, topics, sources, base_dir, names, seen_image):
            if len(out) < limit:
                prefix = prefix or label(doc.data, base)
                out.append((prefix + message, doc.pos(path), path))
            else:
                extra += 1
        text = card.get("text")
        if card.get("type") == "cloze" and isinstance(text, str):
            issues = seen_cloze.get(text)
            if issues is None:
                issues = seen_cloze[text] = cloze_issues(text)
            prefix = prefix or (label(doc.data, base) if issues else "")
            path = base + ("text",)
            room = max(0, limit - len(out))
            for message, offset in issues[:room]:  # placed at the slip's own column
                out.append((prefix + message, doc.text_pos(path, offset), path))
            extra += max(0, len(issues) - room)
    out += cards_dup + _former_ids(doc, cards) + _occlusion_ids(doc, cards)
    kept = [item for item in out if item[0]]
    return kept[:limit], extra + len(kept[limit:]) + (len(out) - len(kept))


def last_problem(display: str, more: int, skipped: int, line: int) -> Problem:
    """The last line of a long list: how many more problems, and which cards were not read."""
    parts = [f"at least {more:,} more problem{'s' if more != 1 else ''} not shown"] if more else []
    if skipped:
        parts.append(
            f"the {skipped:,} card{'s' if skipped != 1 else ''} from line {line:,} on "
            f"{'were' if skipped != 1 else 'was'} not checked"
        )
        why = f"kquiz lists the first {MAX_FOUND} problems of a deck and stops reading its cards there"
    else:
        why = f"kquiz lists the first {MAX_FOUND} of a deck"
    return Problem(
        display,
        f"… and {', and '.join(parts)} ({why})",
        hint="fix the problems above and check the deck again",
    )


def _former_ids(doc: Document, cards: dict[str, Any]) -> list[Found]:
    """``was`` (a renamed card's former ids): never a current card id, never claimed by two cards."""
    claimed: dict[str, str] = {}
    problems: list[Found] = []
    for i, card in _items(doc.data, "cards"):
        former = card.get("was")
        if not isinstance(former, list):
            continue
        for j, old in enumerate(former):
            if not isinstance(old, str) or len(problems) >= MAX_FOUND:
                continue
            path = ("cards", i, "was", j)
            prefix = label(doc.data, ("cards", i))
            if old in cards:
                message = f"'{old}' in 'was' is the id of a card in this deck: a former id must be unused"
            elif old in claimed and claimed[old] != card.get("id"):
                message = f"the former id '{old}' is claimed by two cards ('{claimed[old]}' first)"
            else:
                claimed[old] = str(card.get("id"))
                continue
            problems.append((prefix + message, doc.pos(path), path))
    return problems


def _card_problems(
    card: dict[str, Any],
    base: tuple[Any, ...],
    topics: dict[str, Any],
    sources: dict[str, Any],
    base_dir: Path | None,
    names: tuple[str, str],
    seen_image: dict[str, str | None],
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    topic = card.get("topic")
    if isinstance(topic, str) and topic not in topics:
        yield f"unknown topic '{topic}' (the deck's topics: {names[0]})", base + ("topic",)
    cited = card.get("source")
    if cited is not None:
        yield from _citation_problems(cited, base + ("source",), sources, names[1])
    kind = card.get("type")
    if kind == "choice":
        yield from _choice_problems(card.get("choices"), base + ("choices",))
    if kind == "occlusion":
        yield from _region_problems(card.get("regions"), base + ("regions",))
    for field, alt_field in (("image", "alt"), ("answer_image", "answer_alt")):
        image = card.get(field)
        if not (isinstance(image, str) and image):
            continue
        if image not in seen_image:
            seen_image[image] = image_problem(image, base_dir)
        problem = seen_image[image]
        if problem:
            yield problem, base + (field,)
        alt = card.get(alt_field)
        if not (isinstance(alt, str) and alt.strip()):
            yield (
                f"'{field}' needs '{alt_field}': a few words saying what the image shows "
                "(read aloud by screen readers, shown when the image cannot be drawn)",
                base + (field,),
            )


def _occlusion_ids(doc: Document, cards: dict[str, Any]) -> list[Found]:
    """An occlusion entry's cards are named ``<id>.<region>``: such a name must not be another card's id."""
    found: list[Found] = []
    for i, card in _items(doc.data, "cards"):
        regions = card.get("regions") if card.get("type") == "occlusion" else None
        for j, region in enumerate(regions if isinstance(regions, list) else []):
            name = region.get("name") if isinstance(region, dict) else None
            made = f"{card.get('id')}.{name}"
            if isinstance(name, str) and made in cards:
                path = ("cards", i, "regions", j, "name")
                message = f"region '{name}' makes the card id '{made}', which another card already has"
                found.append((label(doc.data, ("cards", i)) + message, doc.pos(path), path))
    return found


def _citation_problems(
    value: Any, path: tuple[Any, ...], sources: dict[str, Any], known: str
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    cites = (
        [(path, value)]
        if isinstance(value, dict)
        else ([(path + (i,), v) for i, v in enumerate(value)] if isinstance(value, list) else [])
    )
    for where, cite in cites:
        if not isinstance(cite, dict) or not isinstance(cite.get("id"), str):
            continue
        source = sources.get(cite["id"])
        if source is None:
            yield f"unknown source '{cite['id']}' (the deck's sources: {known})", where + ("id",)
            continue
        section = cite.get("section")
        if not isinstance(section, str):
            continue
        sections = source.get("sections") if isinstance(source.get("sections"), list) else []
        if section not in sections:
            listed = ", ".join(f"'{s}'" for s in sections) if sections else "none listed"
            yield (
                f"source '{cite['id']}' has no section '{section}' (its sections: {listed})",
                where + ("section",),
            )


def _region_problems(regions: Any, path: tuple[Any, ...]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Each region has a rect or a polygon inside the image (0..1), with an area; names are unique."""
    if not isinstance(regions, list):
        return
    seen: set[str] = set()
    for i, region in enumerate(regions):
        if not isinstance(region, dict):
            continue
        name, where = region.get("name"), path + (i,)
        if isinstance(name, str):
            if name in seen:
                yield f"two regions are named '{name}': each region needs its own name", where + ("name",)
            seen.add(name)
        shapes = [k for k in ("rect", "polygon") if k in region]
        if len(shapes) != 1:
            yield "a region needs either 'rect: [x, y, width, height]' or 'polygon: [[x, y], ...]'", where
            continue
        shape = region[shapes[0]]
        if not isinstance(shape, list) or not all(isinstance(v, int | float | list) for v in shape):
            continue
        if shapes[0] == "rect" and len(shape) > 4:  # fewer: the schema says so
            yield f"region '{name}': a rect is 4 numbers, [x, y, width, height]", where + ("rect",)
        if shapes[0] == "polygon" and any(isinstance(p, list) and len(p) != 2 for p in shape):
            yield f"region '{name}': each polygon corner is 2 numbers, [x, y]", where + ("polygon",)
        if shapes[0] == "rect" and len(shape) == 4 and all(isinstance(v, int | float) for v in shape):
            x, y, w, h = shape
            if w <= 0 or h <= 0 or x < 0 or y < 0 or x + w > 1 or y + h > 1:
                yield (
                    f"region '{name}': the rectangle must have a size and lie inside the image "
                    "(x + width and y + height at most 1: coordinates are fractions of the image)",
                    where + ("rect",),
                )
        elif shapes[0] == "polygon" and all(isinstance(p, list) and len(p) == 2 for p in shape):
            pts = [
                (float(a), float(b))
                for a, b in shape
                if isinstance(a, int | float) and isinstance(b, int | float)
            ]
            if any(not (0 <= v <= 1) for pt in pts for v in pt):
                yield (
                    f"region '{name}': polygon corners must lie inside the image "
                    "(0 to 1: coordinates are fractions of the image)",
                    where + ("polygon",),
                )
            area = (
                sum(ax * by - bx * ay for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1], strict=True)) / 2
            )
            if len(pts) >= 3 and abs(area) < 1e-6:
                yield (
                    f"region '{name}': the polygon has no area (its corners lie on a line)",
                    where + ("polygon",),
                )


def _choice_problems(choices: Any, path: tuple[Any, ...]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    if not isinstance(choices, list):
        return
    items = [(i, c) for i, c in enumerate(choices) if isinstance(c, dict) and isinstance(c.get("text"), str)]
    if items and len(items) == len(choices) and not any(c.get("correct") is True for _, c in items):
        yield "a choice card needs at least one correct choice (mark it with 'correct: true')", path
    seen: dict[str, int] = {}
    for i, choice in items:
        text = " ".join(choice["text"].split()).casefold()
        if text in seen:
            yield (
                f"choice {i + 1} has the same text as choice {seen[text] + 1} ('{choice['text'].strip()}')",
                path + (i, "text"),
            )
        else:
            seen[text] = i


def image_problem(image: str, base_dir: Path | None) -> str | None:
    """Why ``image`` is not an acceptable image path for a deck in ``base_dir`` (None if fine)."""
    if "://" in image or image.startswith("data:"):
        return f"image '{image}' must be a file in the deck's folder, not a web address"
    if (
        PurePosixPath(image).is_absolute()
        or PureWindowsPath(image).is_absolute()
        or PureWindowsPath(image).drive
    ):
        return f"image '{image}' must be a path relative to the deck file, not an absolute path"
    if "\\" in image:
        return f"image '{image}': use '/' between folder names"
    if ".." in PurePosixPath(image).parts:
        return f"image '{image}' must stay inside the deck's folder (no '..')"
    if base_dir is None:
        return None
    root = base_dir.resolve()
    target = base_dir / image
    try:
        resolved = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"image '{image}' not found (looked for {target})"
    if not resolved.is_relative_to(root):
        return f"image '{image}' leads outside the deck's folder (through a link to {resolved})"
    if not resolved.is_file() or not os.access(resolved, os.R_OK):
        return f"image '{image}' is not a readable file"
    problem = image_file_problem(image, resolved)
    if problem is None and resolved.suffix.lower() == SVG_SUFFIX:
        dark = base_dir / dark_variant(image)
        if dark.is_file():  # the dark-theme variant beside it is drawn too: the same rules
            inside = dark.resolve().is_relative_to(root)
            problem = (
                image_file_problem(dark_variant(image), dark)
                if inside
                else (f"image '{dark_variant(image)}' leads outside the deck's folder")
            )
    return problem
