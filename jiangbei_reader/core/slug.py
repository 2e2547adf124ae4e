"""Stable, readable article slugs: pinyin of the headline's first characters."""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_SYLLABLES = 4


def is_valid_slug(text: str) -> bool:
    """True for lower-case ASCII words joined by single hyphens."""
    return _SLUG_RE.fullmatch(text) is not None


#: Slugs worked out before (headline → slug), e.g. read by the reader from its cache
#: file at start-up: then parsing the first edition does not load pypinyin, whose
#: dictionaries take about 0.2 s to load.
_known: dict[str, str] = {}
#: Headlines whose slug was worked out in this process (to be saved).
_learned: set[str] = set()
#: At most this many slugs are written to the cache file.
KNOWN_SLUGS_LIMIT = 4096


def slug_for_headline(headline: str) -> str:
    """``“碳”寻发展新路径`` → ``tan-xun-fa-zhan``; ASCII words are kept as they are."""
    known = _known.get(headline)
    if known is not None:
        return known
    slug = _pinyin_slug(headline)
    _known[headline] = slug
    _learned.add(headline)
    return slug


def default_slug_cache_path() -> Path:
    """Where the reader keeps the slugs it worked out (the user's cache folder)."""
    from jiangbei_reader.core.user_dirs import user_cache_path

    return user_cache_path() / "slugs.json"


def load_known_slugs(path: Path) -> int:
    """Take the slugs saved in ``path`` (JSON ``{headline: slug}``); how many were taken.

    A missing, unreadable or foreign file is no error: slugs are then worked out
    with pypinyin, as always. Only valid slugs are taken.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return 0
    except (OSError, ValueError) as exc:
        log.info("%s: slug cache not used (%s)", path, exc)
        return 0
    slugs = data.get("slugs") if isinstance(data, dict) else None
    if not isinstance(slugs, dict):
        log.info("%s: slug cache not used (not a slug cache)", path)
        return 0
    taken = 0
    for headline, slug in slugs.items():
        if isinstance(headline, str) and isinstance(slug, str) and is_valid_slug(slug):
            _known.setdefault(headline, slug)
            taken += 1
    return taken


def save_known_slugs(path: Path, first: Iterable[str] = ()) -> bool:
    """Write known slugs to ``path`` when this process worked out new ones; ``True`` if so.

    The slugs of the headlines in ``first`` (those the next start parses first:
    the newest edition's, the one being read) are written in any case, then the
    ones learned or loaded last, up to :data:`KNOWN_SLUGS_LIMIT`: indexing a
    ten-year archive learns tens of thousands, and the file stays small.
    """
    if not _learned:
        return False
    known = dict(_known)  # a copy: a search worker may be learning more meanwhile
    chosen = {headline: known[headline] for headline in first if headline in known}
    for headline in reversed(known):
        if len(chosen) >= KNOWN_SLUGS_LIMIT:
            break
        chosen.setdefault(headline, known[headline])
    payload = {"version": 1, "slugs": chosen}
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        log.warning("%s: cannot save the slug cache (%s)", path, exc)
        return False
    _learned.clear()
    return True


@lru_cache(maxsize=4096)
def _pinyin_slug(headline: str) -> str:
    from pypinyin import lazy_pinyin  # imported late: only parsing needs it, not start-up

    text = unicodedata.normalize("NFKC", headline)
    words: list[str] = []
    for syllable in lazy_pinyin(text):
        # Non-Chinese runs come back whole ("LED灯" -> "LED", "deng"): keep their words.
        words.extend(re.findall(r"[a-z0-9]+", syllable.lower()))
    return "-".join(words[:_MAX_SYLLABLES]) or "article"
