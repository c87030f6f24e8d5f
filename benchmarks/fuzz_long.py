"""The suite's fuzz properties (deck loader, import formats) run with many more examples.

    python3 benchmarks/fuzz_long.py [--examples 20000] [--only NAME] [--seed N]

Runs every hypothesis test of tests/decks/test_property.py (any text, bytes or YAML-ish document:
load_text returns a Deck or raises a DeckError with explained problems; the fast schema check
agrees with jsonschema) and tests/interop/test_fuzz.py (every import parser returns a result or
raises InteropError; a whole import gives a deck the loader accepts; the YAML emitter round-trips
any text) with ``max_examples`` raised and no deadline. The properties are imported, not copied,
so the suite and this script always check the same things. Exit 1 if any property fails (the
failing example is printed, shrunk, with a blob to reproduce it).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MODULES = ("tests.decks.test_property", "tests.interop.test_fuzz")


def properties(only: str | None) -> list[tuple[str, object]]:
    found = []
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in sorted(vars(module)):
            test = getattr(module, attr)
            hypothesis_test = attr.startswith("test_") and getattr(test, "is_hypothesis_test", False)
            if hypothesis_test and (only is None or only in attr):
                found.append((f"{name.rsplit('.', 1)[1]}::{attr}", test))
    return found


def with_examples(test, examples: int, seed: int | None):  # type: ignore[no-untyped-def]
    """The same test with more examples. hypothesis refuses a second @settings, so the settings
    the suite gave it are replaced (the attribute hypothesis reads when the test runs)."""
    current = getattr(test, "_hypothesis_internal_use_settings", None)
    if current is None:
        raise SystemExit(f"{test.__name__}: this hypothesis version keeps its settings elsewhere")
    test._hypothesis_internal_use_settings = settings(
        current,
        max_examples=examples,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=list(HealthCheck),
    )
    if seed is not None:
        test._hypothesis_internal_use_seed = seed
    return test


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20000)
    parser.add_argument("--only", help="run the properties whose name contains this")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    failed = 0
    start = time.perf_counter()
    for name, test in properties(args.only):
        began = time.perf_counter()
        try:
            with_examples(test, args.examples, args.seed)()
        except Exception:  # a falsified property: hypothesis has printed the shrunk example
            failed += 1
            print(f"FAIL {name}")
            traceback.print_exc(limit=3)
            continue
        print(f"ok   {name}: {args.examples} examples in {time.perf_counter() - began:.1f} s", flush=True)
    print(
        f"{'FAILED' if failed else 'all passed'}: {failed} failing properties, "
        f"{time.perf_counter() - start:.0f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
