"""kquiz: flashcards and quizzes about ketamine, authored as YAML, scheduled with FSRS."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("kquiz")
except _metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"

EDUCATIONAL_NOTICE = (
    "kquiz is for education only. It is not medical advice and does not replace a clinician: "
    "do not use it to decide on any treatment or dose."
)
