"""kquiz: flashcards and quizzes about ketamine, authored as YAML, scheduled with FSRS."""

# A constant, not importlib.metadata.version("kquiz"): importing importlib.metadata (email, csv,
# zipfile...) and scanning every installed distribution cost ~20-60 ms of every start, and a frozen
# build may carry no metadata at all. Keep it equal to pyproject.toml's version
# (tests/perf/test_startup_imports.py checks both that and the installed metadata).
__version__ = "0.1.0"

EDUCATIONAL_NOTICE = (
    "kquiz is for education only. It is not medical advice and does not replace a clinician: "
    "do not use it to decide on any treatment or dose."
)
