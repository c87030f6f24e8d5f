"""Import and Anki-export cost, as ratios to bare baselines measured in the same run.

    python3 benchmarks/bench_interop.py [--rows 5000] [--repeat 3]

Import: ``import_text`` on a generated CSV (parse, stable ids, YAML emission, validation with the
real deck loader) against a baseline that does the least any converter must: ``csv.reader`` the
rows, ``yaml.dump`` them with the C dumper and read the result back with ``CSafeLoader``.
Export: ``export_apkg`` of the imported deck against a bare genanki package of the same notes
(genanki's built-in Basic model, no escaping, no sub-decks). Medians of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import genanki
import yaml

from kquiz.decks import load_text
from kquiz.interop import ImportOptions, import_text
from kquiz.interop.anki_export import export_apkg


def make_csv(rows: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["front", "back", "tags"])
    for n in range(rows):
        writer.writerow(
            [
                f"Question number {n}: which receptor, and why, case {n * 7 % 13}?",
                f"Answer {n}, with a comma\nand a second line",
                f"tag{n % 10} bench",
            ]
        )
    return out.getvalue()


def baseline_import(text: str) -> int:
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    doc = {
        "cards": [
            {"id": f"c{i}", "front": r[0], "back": r[1], "tags": r[2].split()} for i, r in enumerate(rows)
        ]
    }
    dumped = yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False)
    return len(yaml.load(dumped, Loader=yaml.CSafeLoader)["cards"])


def baseline_export(deck, out: Path) -> None:
    gdeck = genanki.Deck(1234567890, deck.title)
    for card in deck.cards:
        gdeck.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=[card.front, card.back]))
    genanki.Package(gdeck).write_to_file(str(out), timestamp=1.0)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    text = make_csv(args.rows)
    out = Path("/nonexistent-bench/deck.yaml")
    imp_base, imp, exp_base, exp = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report = import_text(text, Path("bench.csv"), out, ImportOptions())
        deck = load_text(report.text, str(folder / "deck.yaml"), base_dir=folder)
        for _ in range(args.repeat):
            imp_base.append(timed(lambda: baseline_import(text)))
            imp.append(timed(lambda: import_text(text, Path("bench.csv"), out, ImportOptions())))
            exp_base.append(timed(lambda: baseline_export(deck, folder / "base.apkg")))
            exp.append(timed(lambda: export_apkg([deck], folder / "k.apkg", timestamp=1.0)))
    ib, im, eb, em = map(statistics.median, (imp_base, imp, exp_base, exp))
    print(f"rows: {args.rows}, cards imported: {report.cards}, runs: {args.repeat} (medians)")
    print(f"import:  baseline {ib:.3f} s, kquiz import {im:.3f} s  -> {im / ib:.1f}x baseline")
    print(f"export:  baseline {eb:.3f} s, kquiz export {em:.3f} s  -> {em / eb:.2f}x baseline")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
