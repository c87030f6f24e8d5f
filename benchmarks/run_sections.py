"""benchmarks/run.py's sections for the newer budgets: the card browser, the hostile corpus, the
worksheet PDF, test mode and the sync rounds (issues 14, 19, 20, 21). Each runs its benchmark file in a child
process with ``--json`` and returns table rows for RESULTS.md."""

from __future__ import annotations

from pathlib import Path

from perfutil import fmt_s, run_child

HERE = Path(__file__).resolve().parent


def section_browser(quick: bool) -> list[dict]:
    from bench_browser import BUDGETS, MEMORY_BUDGET_MIB

    cards, repeat = (10_000, 2) if quick else (100_000, 3)  # issue 14: 100,000 cards, 1,000,000 answers
    r = run_child(
        [str(HERE / "bench_browser.py"), "--cards", str(cards), "--repeat", str(repeat), "--json"],
        timeout=3600,
    )
    command = f"python3 benchmarks/bench_browser.py --cards {cards} --repeat {repeat}"
    labels = {
        "open": ("Browser open (Ctrl+B) until the first rows are drawn", "bare window shown"),
        "search": (
            "Browser search re-filters and redraws (median of 5 queries)",
            "the filters as SQL queries",
        ),
        "sort": ("Browser sort by a column and redraw", "list.sort of the rows"),
        "history": ("Browser card + history panel", "one indexed SELECT of its answers"),
    }
    size = f"{r['cards']:,.0f} cards, {r['answers']:,.0f} answers"
    rows = []
    for name, (figure, floor_name) in labels.items():
        rows.append(
            {
                "figure": f"{figure}, {size}",
                "value": r[name],
                "floor": r[f"{name}_floor"],
                "floor_name": floor_name,
                "ratio": r[name] / r[f"{name}_floor"],
                "target": BUDGETS[name],
                "met": r[name] <= BUDGETS[name],
                "target_text": f"≤ {fmt_s(BUDGETS[name])}",
                "runs": repeat,
                "peak_rss_mib": r["peak_rss_mib"],
                "command": command,
            }
        )
    extra = max(r["rss_browser"], r["rss_peak"]) - r["rss_library"]
    rows.append(
        {
            "figure": f"Browser memory over the library alone (every row loaded, peak), {size}",
            "unit": "MiB",
            "value": extra,
            "floor": r["rss_library"],
            "floor_name": "RSS with the library alone",
            "ratio": (r["rss_library"] + extra) / r["rss_library"],
            "target": MEMORY_BUDGET_MIB,
            "met": extra <= MEMORY_BUDGET_MIB,
            "target_text": f"≤ +{MEMORY_BUDGET_MIB} MiB",
            "runs": 1,
            "peak_rss_mib": r["peak_rss_mib"],
            "command": command,
        }
    )
    return rows


def section_hostile(quick: bool) -> list[dict]:
    from bench_hostile import TARGET_MIB, TARGET_SECONDS

    repeat = 1 if quick else 3
    rows = run_child([str(HERE / "bench_hostile.py"), "--repeat", str(repeat), "--json"], timeout=3600)
    worst = max(rows, key=lambda r: r["value"])
    worst_rss = max(r["peak_rss_mib"] for r in rows)
    return [
        {
            "figure": f"worst hostile deck checked ({worst['file']}, {worst['mb']:.1f} MB, {len(rows)} files)",
            "value": worst["value"],
            "floor": worst["floor"],
            "floor_name": "libyaml event scan of the file",
            "ratio": worst["ratio"],
            "target": TARGET_SECONDS,
            "met": worst["value"] <= TARGET_SECONDS and worst_rss <= TARGET_MIB,
            "target_text": f"≤ {fmt_s(TARGET_SECONDS)} and ≤ {TARGET_MIB:.0f} MiB",
            "runs": repeat,
            "peak_rss_mib": worst_rss,
            "command": f"python3 benchmarks/bench_hostile.py --repeat {repeat}",
        }
    ]


def section_print(quick: bool) -> list[dict]:
    from bench_print import BUDGET_S

    rounds = 2 if quick else 3
    r = run_child([str(HERE / "bench_print.py"), "--rounds", str(rounds), "--json"])
    return [
        {
            "figure": f"worksheet: {r['questions']} questions + key to PDF ({r['pages']} pages)",
            "value": r["value"],
            "floor": r["floor"],
            "floor_name": "a one-line PDF (same writer)",
            "ratio": r["value"] / r["floor"],
            "target": BUDGET_S,
            "met": r["value"] <= BUDGET_S,
            "target_text": f"≤ {fmt_s(BUDGET_S)}",
            "runs": rounds,
            "peak_rss_mib": r["peak_rss_mib"],
            "command": f"python3 benchmarks/bench_print.py --rounds {rounds}",
        }
    ]


def section_sync(quick: bool) -> list[dict]:
    reviews, rounds = (20_000, 2) if quick else (100_000, 3)
    r = run_child(
        [str(HERE / "bench_sync.py"), "--reviews", str(reviews), "--rounds", str(rounds), "--json"],
        timeout=3600,
    )
    command = f"python3 benchmarks/bench_sync.py --reviews {reviews} --rounds {rounds}"
    floor = r["first_merge_floor"]
    owner = f"; the UI thread's part {r['owner_thread_ms']:.0f} ms, its longest wait {r['owner_longest_wait_ms']:.0f} ms"
    rows = []
    for key, figure, budget in (
        (
            "first_merge",
            f"sync: a first merge of {reviews:,} answers from another device (worker){owner}",
            2.0,
        ),
        ("nothing_new", "sync: a round with nothing new", 0.020),
        ("fifty_new", "sync: a round with 50 new answers from another device", 0.050),
    ):
        rows.append(
            {
                "figure": figure,
                "value": r[key],
                "floor": floor,
                "floor_name": f"decode the segments + one bulk insert of {reviews:,} rows"
                + ("" if key == "first_merge" else " (the first merge's floor, for scale)"),
                "ratio": r[key] / floor,
                "target": budget if reviews >= 100_000 or key != "first_merge" else None,
                "met": (r[key] <= budget) if reviews >= 100_000 or key != "first_merge" else None,
                "target_text": f"≤ {fmt_s(budget)}",
                "runs": rounds,
                "peak_rss_mib": r["peak_rss_mib"],
                "command": command,
            }
        )
    return rows


def section_test_mode(quick: bool) -> list[dict]:
    from bench_test_mode import BUDGETS

    repeat = 2 if quick else 5
    r = run_child([str(HERE / "bench_test_mode.py"), "--repeat", str(repeat), "--json"])
    rows = []
    for key, figure in (
        ("open", f"test mode: a {r['questions']:.0f}-question test opened until its first question is drawn"),
        ("submit", f"test mode: {r['questions']:.0f} answers submitted until the scored list is drawn"),
    ):
        rows.append(
            {
                "figure": figure,
                "value": r[key],
                "floor": r["floor"],
                "floor_name": "a bare window shown (same process)",
                "ratio": r[key] / r["floor"],
                "target": BUDGETS[key],
                "met": r[key] <= BUDGETS[key],
                "target_text": f"≤ {fmt_s(BUDGETS[key])}",
                "runs": repeat,
                "peak_rss_mib": r["peak_rss_mib"],
                "command": f"python3 benchmarks/bench_test_mode.py --repeat {repeat}",
            }
        )
    return rows
