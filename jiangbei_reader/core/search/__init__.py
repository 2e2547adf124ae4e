"""Chinese full-text search: normalisation, query language, SQLite FTS5 index, pinyin, 繁體.

The names below are loaded when first used (PEP 562): the window imports this
package to show its search box, and the index, the query language and the
normaliser (with their regular expressions and tables) are not needed until the
first search or index update, after the first article is painted.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jiangbei_reader.core.search.index import SearchIndex
    from jiangbei_reader.core.search.query import Query, parse_query
    from jiangbei_reader.core.search.results import (
        SearchHit,
        SearchResults,
        Span,
        Suggestion,
        UpdateReport,
    )
    from jiangbei_reader.core.search.store import default_index_path

#: Exported name → the module that defines it.
_MODULES = {
    "Query": "query",
    "SearchHit": "results",
    "SearchIndex": "index",
    "SearchResults": "results",
    "Span": "results",
    "Suggestion": "results",
    "UpdateReport": "results",
    "default_index_path": "store",
    "parse_query": "query",
}

__all__ = [
    "Query",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "Span",
    "Suggestion",
    "UpdateReport",
    "default_index_path",
    "parse_query",
]


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
