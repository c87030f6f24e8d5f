"""A readable YAML emitter for decks: block style, indented lists, ``|`` blocks for multi-line text."""

from __future__ import annotations

import re
from typing import Any

import yaml

# libyaml's emitter when available (several times faster than the pure-Python one). It writes the
# items of a top-level list flush left ("cards:\n- id: ..."); dump_deck indents them afterwards.
try:
    from yaml import CSafeDumper as _Base
except ImportError:  # PyYAML built without libyaml
    # the stubs declare CSafeDumper always present and unrelated to SafeDumper: one alias for both
    from yaml import SafeDumper as _Base  # type: ignore[assignment]


class _DeckDumper(_Base):
    pass


_ODD_BREAKS = ("\r", "\x85", "\u2028", "\u2029")  # line breaks to YAML, but text to us
# numbers to kquiz's YAML 1.2 reader that PyYAML's 1.1 resolver leaves unquoted (1e3, 0o17)
_NUMBER_12 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+")


def _represent_str(dumper: _DeckDumper, value: str) -> yaml.Node:
    style = None
    if any(ch in value for ch in _ODD_BREAKS) or value.endswith("\n"):
        # escaped: odd line breaks survive and stay off column 0; trailing new lines are not "kept"
        # by a |+ block that would swallow the blank line dump_deck puts between cards
        style = '"'
    elif "\n" in value:
        style = "|"
    elif _NUMBER_12.fullmatch(value):
        style = "'"  # a CSV cell is text: '1e3' must not come back as the number 1000.0
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: _DeckDumper, value: list[Any]) -> yaml.Node:
    short = all(isinstance(v, str) and "\n" not in v for v in value) and sum(len(v) + 2 for v in value) < 70
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=short and bool(value))


_DeckDumper.add_representer(str, _represent_str)
_DeckDumper.add_representer(list, _represent_list)


def dump_deck(document: dict[str, Any], header_lines: list[str]) -> str:
    """Emit ``document`` after comment lines; a blank line separates the cards for the eye."""
    body = yaml.dump(
        document,
        Dumper=_DeckDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    out: list[str] = [f"# {line}" if line else "#" for line in header_lines]
    section, in_list = "", False
    for line in body.split("\n"):  # not splitlines(): \u2028 and \x85 are text here
        if line and not line.startswith((" ", "-")):  # a top-level key
            section, in_list = line.split(":", 1)[0], False
            if section == "cards":
                out.append("")
            out.append(line)
            continue
        if line.startswith("- ") or line == "-":  # an item of a top-level list, written flush left
            in_list = True
            if section == "cards" and not out[-1].startswith("cards:"):
                out.append("")
        out.append("  " + line if in_list and line else line)
    return "\n".join(out) + "\n"
