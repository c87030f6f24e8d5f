"""Cards: the query language, card rows with progress, and bulk actions with undo (the browser's core).

Pure: the front door (``kquiz.app.cards``) passes the decks, the stored progress, the time and the
review-log look-ups in; nothing here reads the clock or opens a file.
"""

from kquiz.cards.actions import ACTIONS, Change, apply, parse_days, plan, undo
from kquiz.cards.query import IS_VALUES, KEYS, PROPS, QueryError, compile_query, day_terms, parse
from kquiz.cards.rows import (
    COLUMN_NAMES,
    COLUMNS,
    CardRow,
    Column,
    build_rows,
    column,
    row_dict,
    sort_order,
    sort_rows,
)

__all__ = [
    "ACTIONS",
    "COLUMNS",
    "COLUMN_NAMES",
    "IS_VALUES",
    "KEYS",
    "PROPS",
    "CardRow",
    "Change",
    "Column",
    "QueryError",
    "apply",
    "build_rows",
    "column",
    "compile_query",
    "day_terms",
    "parse",
    "parse_days",
    "plan",
    "row_dict",
    "sort_order",
    "sort_rows",
    "undo",
]
