"""A readable YAML emitter for decks: block style, indented lists, ``|`` blocks for multi-line text."""

from __future__ import annotations

from typing import Any

import yaml


class _DeckDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
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
    in_cards = False
    for line in body.splitlines():
        if line == "cards:" or line == "cards: []":
            in_cards = True
            out.append("")
        elif not line.startswith(" ") and line.endswith(":"):
            in_cards = False
        elif in_cards and line.startswith("  - ") and out and out[-1] != "cards:":
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"
