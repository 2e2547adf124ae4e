"""What the library listing read from each file's front matter, kept between starts.

Listing a ten-year archive opens 3,650 files to read their dates; with this
cache a start only asks each file's size and modification time and reads the
front matter of the files that changed. The cache belongs to one set of
library folders (its file name says which) and holds the files of the last
listing only. A missing, damaged or foreign cache file is no error: the files
are then read, as without a cache.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jiangbei_reader.core.library import EditionRef

log = logging.getLogger(__name__)

_VERSION = 2
#: (size, modification time in ns, date, paper, number) as stored.
_Entry = tuple[int, int, str, str, str]


def _cache_folder() -> Path:
    from jiangbei_reader.core.user_dirs import user_cache_path

    return user_cache_path()


def _library_digest(roots: Sequence[Path]) -> str:
    names = "\n".join(str(Path(root).absolute()) for root in roots).encode(
        "utf-8", "surrogateescape"
    )
    # CRC-32 and Adler-32 together make a 64-bit name: not a secret, only one file
    # per set of folders, and zlib is cheap to load where hashlib loads OpenSSL
    # (4 ms at every start).
    return f"{zlib.crc32(names):08x}{zlib.adler32(names):08x}"


def library_cache_path(roots: Sequence[Path], prefix: str, suffix: str) -> Path:
    """A cache file that belongs to the library over ``roots``, in the user's cache folder.

    Each set of folders has its own files, so a start with other ``--editions``
    does not undo what the last start with these folders cached.
    """
    return _cache_folder() / f"{prefix}-{_library_digest(roots)}{suffix}"


def default_ref_cache_path(roots: Sequence[Path]) -> Path:
    """The cache file for the library over ``roots``, in the user's cache folder."""
    return library_cache_path(roots, "editions", ".json")


#: The cache files of another set of folders are deleted after this long unused.
UNUSED_DAYS = 90
#: Per-library cache files: the listing, the search index and SQLite's companions.
_LIBRARY_FILE = re.compile(
    r"(?:editions|search)-([0-9a-f]{16})(?:\.json|\.sqlite3(?:-wal|-shm|-journal)?)"
)


def prune_library_caches(roots: Sequence[Path], now: float | None = None) -> list[Path]:
    """Mark this library's cache files as used; delete other sets' files unused for long.

    Each set of folders has its own listing and search index (a ten-year index
    is some 700 MB): those of folders not read for :data:`UNUSED_DAYS` go.
    Returns the files deleted.
    """
    now = time.time() if now is None else now
    mine = _library_digest(roots)
    try:
        entries = list(os.scandir(_cache_folder()))
    except OSError:
        return []
    newest: dict[str, float] = {}
    files: dict[str, list[Path]] = {}
    for entry in entries:
        match = _LIBRARY_FILE.fullmatch(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        digest = match.group(1)
        files.setdefault(digest, []).append(Path(entry.path))
        try:
            mtime = now if digest == mine else entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        newest[digest] = max(newest.get(digest, 0.0), mtime)
    for path in files.get(mine, []):
        try:
            os.utime(path)  # in use: a trusted listing or an unchanged index is not rewritten
        except OSError:
            pass
    deleted: list[Path] = []
    for digest, paths in files.items():
        if digest == mine or now - newest.get(digest, now) < UNUSED_DAYS * 86_400:
            continue
        for path in paths:
            try:
                path.unlink()
                deleted.append(path)
            except OSError as exc:
                log.info("%s: old cache file not deleted (%s)", path, exc)
    return deleted


class RefCache:
    """Front matter of edition files by path, valid while size and mtime are unchanged."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, object] = {}
        self._seen: dict[str, _Entry] = {}
        self._changed = False
        #: Folder → modification time (ns) at the last listing that was clean.
        self._folders: dict[str, object] = {}
        self._roots: object = None
        self._listed_folders: dict[str, int] | None = None
        self._listed_roots: list[str] = []
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.info("%s: edition list cache not used (%s)", self.path, exc)
            return
        entries = data.get("files") if isinstance(data, dict) else None
        if not isinstance(entries, dict) or data.get("version") != _VERSION:
            log.info("%s: edition list cache not used (not one of ours)", self.path)
            return
        # Entries are checked when used: checking 3,650 of them here cost as much as
        # the listing saves.
        self._entries = entries
        folders = data.get("folders")
        self._folders = folders if isinstance(folders, dict) else {}
        self._roots = data.get("roots")

    def trusted_refs(self, roots: Sequence[Path]) -> list[EditionRef] | None:
        """The last listing as it was, if no folder in it changed since; else ``None``.

        A file added, removed or renamed changes its folder's modification time;
        a file rewritten in place does not, so the caller checks the listing
        again later (``Library.verify``) and only shows this one first.
        """
        from jiangbei_reader.core.library import EditionRef

        # The names are as the folders were given (relative ones to the working folder):
        # the same folders given another way are listed anew.
        if not self._folders or not self._entries or self._roots != [str(r) for r in roots]:
            return None
        for folder, recorded in self._folders.items():
            try:
                if os.stat(folder).st_mtime_ns != recorded:
                    return None
            except OSError:
                return None
        refs: list[EditionRef] = []
        for name, entry in self._entries.items():
            read = _read_entry(entry)
            if read is None:
                return None
            refs.append(EditionRef(name, read[5], read[3], read[4]))
        return refs

    def record_folders(self, roots: Sequence[Path], folders: dict[str, int] | None) -> None:
        """The folders of this listing and their times; ``None``: do not trust it next time."""
        listed_roots = [str(root) for root in roots]
        if folders != self._folders or listed_roots != self._roots:
            self._changed = True
        self._listed_folders = folders
        self._listed_roots = listed_roots

    def lookup(self, path: Path | str) -> tuple[EditionRef | None, os.stat_result | None]:
        """The cached listing entry of ``path`` if the file is unchanged, and its stat."""
        from jiangbei_reader.core.library import EditionRef

        name = path if isinstance(path, str) else str(path)
        try:
            stat = os.stat(name)
        except OSError:
            return None, None
        read = _read_entry(self._entries.get(name))
        if read is None:
            return None, stat
        size, mtime, date_text, paper, number, date = read
        if size != stat.st_size or mtime != stat.st_mtime_ns:
            return None, stat
        self._seen[name] = (size, mtime, date_text, paper, number)
        return EditionRef(name, date, paper, number), stat

    def store(self, ref: EditionRef, stat: os.stat_result | None) -> None:
        """Remember what was read from a file (with the stat taken before reading it)."""
        if stat is None:
            return
        entry = (stat.st_size, stat.st_mtime_ns, ref.date.isoformat(), ref.paper, ref.number)
        self._seen[str(ref.path)] = entry
        self._changed = True

    def save(self) -> bool:
        """Write the entries of this listing when anything changed; ``True`` if written."""
        if not self._changed and self._seen.keys() == self._entries.keys():
            return False
        payload = {
            "version": _VERSION,
            "files": {k: list(v) for k, v in self._seen.items()},
            "folders": self._listed_folders or {},
            "roots": self._listed_roots,
        }
        temporary = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as exc:
            log.warning("%s: cannot save the edition list cache (%s)", self.path, exc)
            return False
        self._entries = dict(self._seen)
        self._folders = dict(self._listed_folders or {})
        self._roots = self._listed_roots
        self._changed = False
        return True


def _read_entry(entry: object) -> tuple[int, int, str, str, str, dt.date] | None:
    """A stored entry (size, mtime, date, paper, number) and its date; ``None`` if not ours."""
    if not (isinstance(entry, list) and len(entry) == 5):
        return None
    size, mtime, date_text, paper, number = entry
    # Plain tests (not all() over a generator): a ten-year start reads 3,650 entries.
    if not (isinstance(size, int) and isinstance(mtime, int) and isinstance(date_text, str)):
        return None
    if not (isinstance(paper, str) and isinstance(number, str)):
        return None
    try:
        return size, mtime, date_text, paper, number, dt.date.fromisoformat(date_text)
    except ValueError:
        return None
