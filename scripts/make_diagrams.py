#!/usr/bin/env python3
"""Draw the bundled decks' diagrams as SVG into decks/images/ (the output is committed).

    python3 scripts/make_diagrams.py            # every diagram
    python3 scripts/make_diagrams.py --check    # exit 1 if a committed file differs from its drawing

Every diagram is original, drawn here from simple shapes; the two enantiomers are depicted by RDKit
from SMILES (the field's standard 2D depiction; rdkit is a build-time tool, not a kquiz dependency:
``pip install rdkit``). Text and outlines are drawn in ``currentColor``, which kquiz replaces with
the theme's text color, so one file serves the light and the dark theme; the accent fills are
translucent mid-tones that read on both. QtSvg draws SVG Tiny: no markers, so arrowheads are
polygons. No doses anywhere: the decks are for education, not medical advice.
"""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from diagram_mechanisms import bdnf_mtor, disinhibition, metabolism, nmda_channel
from diagram_others import bladder, enantiomers, onset_duration, timeline

OUT = Path(__file__).resolve().parent.parent / "decks" / "images"

DIAGRAMS: dict[str, Callable[[], str]] = {
    "nmda-channel.svg": nmda_channel,
    "disinhibition.svg": disinhibition,
    "ampa-bdnf-mtor.svg": bdnf_mtor,
    "metabolism.svg": metabolism,
    "enantiomers.svg": enantiomers,
    "history-timeline.svg": timeline,
    "infusion-time-course.svg": onset_duration,
    "bladder-risk.svg": bladder,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed files, write nothing"
    )
    parser.add_argument("names", nargs="*", help="only these files (default: all)")
    args = parser.parse_args(argv)
    differ = []
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in DIAGRAMS.items():
        if args.names and name not in args.names:
            continue
        svg = draw()
        target = OUT / name
        if args.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != svg:
                differ.append(name)
            continue
        target.write_text(svg, encoding="utf-8")
        print(f"wrote {target.relative_to(OUT.parent.parent)} ({len(svg.encode()):,} bytes)")
    if differ:
        print("differs from its drawing: " + ", ".join(differ), file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
