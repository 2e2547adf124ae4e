"""Suggestions for a prefix: the archive's words, names and headlines by pinyin or text."""

from __future__ import annotations

import logging
import sqlite3
import zlib

from jiangbei_reader.core.search import store
from jiangbei_reader.core.search.normalize import clean_text
from jiangbei_reader.core.search.prepare import decode_text, head_keys, stored_headline
from jiangbei_reader.core.search.results import Suggestion
from jiangbei_reader.core.search.vocab import is_pinyin, normalize_prefix, pinyin_for

log = logging.getLogger(__name__)

_LAST = "\U0010ffff"


def suggest_prefix(conn: sqlite3.Connection, prefix: str, limit: int = 10) -> list[Suggestion]:
    """Words, names and headlines of the archive for a pinyin or text prefix.

    ``jiangbei`` (full pinyin) and ``jbq`` (initials) both find 江北区;
    ``江北`` finds words starting with 江北. For the kiosk keyboard and the
    search box's completion.
    """
    prefix = clean_text(prefix)
    key = normalize_prefix(prefix)
    if not key or limit <= 0:
        return []
    if is_pinyin(key):
        match = "((key >= ? AND key < ?) OR (initials >= ? AND initials < ?))"
        bounds: tuple[str, ...] = (key, key + _LAST, key, key + _LAST)
    else:
        match = "word >= ? AND word < ?"
        bounds = (prefix.strip(), prefix.strip() + _LAST)
    rows: list[tuple[str, str, int]] = []
    try:
        # One kind at a time: each range scan stays on its own (kind, key) index.
        for kind in ("word", "name"):
            rows += conn.execute(
                f"SELECT word, kind, total FROM words WHERE kind = ? AND total > 0 AND "
                f"{match} ORDER BY total DESC, length(word), word LIMIT ?",
                (store.KIND_CODES[kind], *bounds, limit),
            ).fetchall()
        rows = [(text, store.KIND_NAMES[code], total) for text, code, total in rows]
        rows.sort(key=lambda r: (-r[2], len(r[0])))
        if len(rows) < limit:
            rows += _headlines(conn, prefix.strip(), key, limit - len(rows))
    except (sqlite3.DatabaseError, zlib.error, UnicodeDecodeError) as exc:
        log.warning("suggest failed: %s", exc)
        return []
    del rows[limit:]
    return [Suggestion(text, pinyin_for(text, kind)[0], kind, total) for text, kind, total in rows]


def _headlines(
    conn: sqlite3.Connection, text: str, key: str, limit: int
) -> list[tuple[str, str, int]]:
    """Headlines starting with a pinyin or text prefix: newest first, each text once.

    ``heads`` keys each article's headline by its pinyin, initials and first
    characters; the text is the article's own (``docs``), and is checked
    against the prefix again (a key may be a stale one).
    """
    pinyin = is_pinyin(key)
    if pinyin:
        lows = [store.HEAD_PINYIN + key, store.HEAD_INITIALS + key]
    else:
        lows = [store.HEAD_TEXT_KEY + text[: store.HEAD_TEXT]]
    ids: set[int] = set()
    for low in lows:
        ids.update(
            r[0]
            for r in conn.execute(
                "SELECT id FROM heads WHERE k >= ? AND k < ? ORDER BY id DESC LIMIT ?",
                (low, low + _LAST, 4 * limit),
            )
        )
    newest = sorted(ids, reverse=True)[: 4 * limit]
    if not newest:
        return []
    found: dict[str, int] = {}
    for _id, head_parts, headline_at, blob in conn.execute(
        f"SELECT id, head_parts, headline_at, text FROM docs {store.in_rows(newest)} "
        "ORDER BY id DESC",
        newest,
    ):
        headline = stored_headline(decode_text(blob), head_parts, headline_at)
        if pinyin:
            keys = head_keys(headline)[1:]
            ok = any(k.startswith(low) for k in keys for low in lows)
        else:
            ok = len(headline) >= 2 and headline.startswith(text)
        if ok:
            found[headline] = found.get(headline, 0) + 1
    return [(headline, "headline", count) for headline, count in found.items()][:limit]
