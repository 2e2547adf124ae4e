"""Chinese full-text search: normalisation, query language, SQLite FTS5 index, pinyin, 繁體."""

from __future__ import annotations

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
