"""The edition library: finding edition files in folders, loading them lazily and by id."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import Path

from jiangbei_reader.core.diagnostics import Diagnostic, Severity
from jiangbei_reader.core.model import Article, Edition, Story
from jiangbei_reader.core.parser import ParseResult, parse_edition
from jiangbei_reader.core.ref_cache import RefCache
from jiangbei_reader.core.textio import decode_edition_bytes

#: How much of a file is read to find its front matter without parsing the body.
_HEAD_BYTES = 2048
_DATE_RE = re.compile(r"^\s*date\s*[:：]\s*[\"']?(\d{4}-\d{2}-\d{2})", re.MULTILINE)
_PAPER_RE = re.compile(r"^\s*paper\s*[:：]\s*[\"']?([^\"'\n]*)", re.MULTILINE)
_NUMBER_RE = re.compile(r"^\s*number\s*[:：]\s*[\"']?([^\"'\n]*)", re.MULTILINE)


def load_edition_file(path: Path) -> ParseResult:
    """Read and parse one edition file; every problem is a diagnostic, never an exception."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ParseResult(
            None,
            (
                Diagnostic(
                    path, 0, 0, Severity.ERROR, "io", f"cannot read the file: {exc.strerror or exc}"
                ),
            ),
        )
    return parse_edition_bytes(data, path)


def parse_edition_bytes(data: bytes, path: Path | None = None) -> ParseResult:
    """Decode and parse the bytes of one edition file; problems are diagnostics."""
    decoded = decode_edition_bytes(data, path)
    if decoded.text is None:
        return ParseResult(None, decoded.diagnostics)
    result = parse_edition(decoded.text, path)
    diagnostics = decoded.diagnostics + result.diagnostics
    if result.edition is None:
        return ParseResult(None, diagnostics, decoded.text)
    edition = result.edition.replace(diagnostics=diagnostics)
    return ParseResult(edition, diagnostics, decoded.text)


def _walk_edition_files(root: str, folders: dict[str, int] | None = None) -> list[str]:
    """``*.md`` files under ``root``, skipping hidden files and folders below it, sorted.

    ``folders`` receives each folder listed with its modification time (ns).
    """
    found: list[tuple[tuple[str, ...], str, str]] = []

    # os.scandir and plain strings: Path.rglob, a stat per file and sorting Path
    # objects took most of the time of listing a ten-year archive (3,650 files).
    # Entries tell folders from files without a stat; what else is not a readable
    # file is reported when read.
    def walk(folder: str, parts: tuple[str, ...]) -> None:
        try:
            # The time before the listing: a change during it is seen next time.
            if folders is not None:
                folders[folder] = os.stat(folder).st_mtime_ns
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)  # as os.walk: no loops
            except OSError:
                continue
            if is_folder:
                walk(entry.path, (*parts, name))
            elif name.endswith(".md"):
                found.append((parts, name, entry.path))

    walk(root, ())
    found.sort()
    return [path for _, _, path in found]


def _find_edition_names(
    paths: Iterable[Path], folders: dict[str, int] | None = None
) -> tuple[list[str], list[Diagnostic]]:
    found: list[str] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk_edition_files(str(path), folders))
        elif path.is_file():
            found.append(str(path))
            if folders is not None:  # a file named directly: its folder tells renames
                folders[str(path.parent)] = path.parent.stat().st_mtime_ns
        else:
            problems.append(Diagnostic(path, 0, 0, Severity.ERROR, "io", "no such file or folder"))
    return found, problems


def find_edition_files(paths: Iterable[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Every ``*.md`` file in the given files and folders (recursively), sorted."""
    names, problems = _find_edition_names(paths)
    return [Path(name) for name in names], problems


class EditionRef:
    """What is known of an edition file from its front matter alone (cheap to list).

    Read-only. A plain class rather than a frozen dataclass, and its ``Path`` made
    when first asked for: every start lists 3,650 of them for a ten-year archive.
    """

    __slots__ = ("_name", "_path", "date", "key", "number", "paper")

    def __init__(self, path: Path | str, date: dt.date, paper: str, number: str) -> None:
        self._name = path if isinstance(path, str) else str(path)
        self._path = None if isinstance(path, str) else path
        self.date = date
        #: The edition id: its date in ISO form (read some 11,000 times listing ten years).
        self.key = date.isoformat()
        self.paper = paper
        self.number = number

    @property
    def path(self) -> Path:
        """The edition file."""
        if self._path is None:
            self._path = Path(self._name)
        return self._path

    def _fields(self) -> tuple[str, dt.date, str, str]:
        return (self._name, self.date, self.paper, self.number)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EditionRef):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"EditionRef(path={self.path!r}, date={self.date!r}, "
            f"paper={self.paper!r}, number={self.number!r})"
        )


def read_edition_ref(path: Path | str) -> EditionRef | None:
    """The front matter of a file, read from its first bytes; ``None`` when not found."""
    # A raw descriptor, not a buffered file object: listing a ten-year archive opens
    # 3,650 files, and io.open's objects were a third of that time.
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        head = os.read(descriptor, _HEAD_BYTES)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    text = head.decode("utf-8", errors="ignore")
    date_match = _DATE_RE.search(text)
    if date_match is None:
        text = head.decode("gb18030", errors="ignore")
        date_match = _DATE_RE.search(text)
    if date_match is None:
        return None
    try:
        date = dt.date.fromisoformat(date_match.group(1))
    except ValueError:
        return None
    paper = _PAPER_RE.search(text)
    number = _NUMBER_RE.search(text)
    return EditionRef(
        path,
        date,
        paper.group(1).strip() if paper else "",
        number.group(1).strip() if number else "",
    )


class Library:
    """All editions found in some folders: listed cheaply, parsed when first needed.

    Listing reads only the front matter of each file, so a ten-year archive opens
    without parsing every article; an edition is parsed on first use and kept in
    a small LRU cache.
    """

    def __init__(
        self,
        roots: Iterable[Path],
        cache_size: int = 64,
        ref_cache: RefCache | None = None,
        *,
        trust_cache: bool = False,
    ) -> None:
        """List the editions in ``roots``.

        With ``trust_cache``, a cached listing whose folders did not change since
        is taken as it is, without looking at each file: :meth:`verify` then
        lists the files again (the window does it once its first article is on
        screen). Without, every file is checked now.
        """
        self.roots = tuple(roots)
        self.diagnostics: list[Diagnostic] = []
        self._cache: OrderedDict[str, Edition] = OrderedDict()
        self._cache_size = cache_size
        self._ref_cache = ref_cache
        trusted = (
            ref_cache.trusted_refs(self.roots) if trust_cache and ref_cache is not None else None
        )
        #: False while the listing is the cached one, not yet checked file by file.
        self.verified = trusted is None
        if trusted is None:
            refs, self.diagnostics = self._list()
        else:
            refs = trusted
        self.refs: tuple[EditionRef, ...] = tuple(sorted(refs, key=lambda r: r.date))
        self._refs_by_key = {ref.key: ref for ref in self.refs}

    def verify(self) -> bool:
        """Check a cached listing file by file; ``True`` when it changed (refs, problems)."""
        if self.verified:
            return False
        self.verified = True
        refs, diagnostics = self._list()
        listed = tuple(sorted(refs, key=lambda r: r.date))
        if listed == self.refs and not diagnostics:
            return False
        for key in {ref.key for ref in set(self.refs) ^ set(listed)}:
            self.forget(key)
        self.refs, self.diagnostics = listed, diagnostics
        self._refs_by_key = {ref.key: ref for ref in self.refs}
        return True

    def _list(self) -> tuple[list[EditionRef], list[Diagnostic]]:
        ref_cache = self._ref_cache
        folders: dict[str, int] = {}
        files, diagnostics = _find_edition_names(self.roots, folders)
        by_key: dict[str, EditionRef] = {}
        refs_without_date: list[str] = []
        for path in files:
            # With a cache, an unchanged file is not opened (see core.ref_cache).
            ref, stat = ref_cache.lookup(path) if ref_cache is not None else (None, None)
            if ref is None:
                ref = read_edition_ref(path)
                if ref is not None and ref_cache is not None:
                    ref_cache.store(ref, stat)
            if ref is None:
                refs_without_date.append(path)
                continue
            if ref.key in by_key:
                diagnostics.append(
                    Diagnostic(
                        Path(path),
                        1,
                        1,
                        Severity.ERROR,
                        "duplicate-edition",
                        f"a second edition of {ref.key}: {by_key[ref.key].path} is used, "
                        "this one is ignored",
                    )
                )
                continue
            by_key[ref.key] = ref
        if ref_cache is not None:
            # Only a listing without problems may be shown again unchecked next time.
            ref_cache.record_folders(
                self.roots, folders if not diagnostics and not refs_without_date else None
            )
            ref_cache.save()
        for path in refs_without_date:
            # Let the full parser say what is wrong with it (no date, binary, …).
            result = load_edition_file(Path(path))
            diagnostics.extend(result.diagnostics)
            if result.edition is not None and result.edition.key not in by_key:
                by_key[result.edition.key] = EditionRef(
                    path, result.edition.date, result.edition.paper, result.edition.number
                )
        return list(by_key.values()), diagnostics

    def __len__(self) -> int:
        return len(self.refs)

    def __iter__(self) -> Iterator[EditionRef]:
        return iter(self.refs)

    @property
    def newest(self) -> EditionRef | None:
        """The edition with the latest date."""
        return self.refs[-1] if self.refs else None

    def ref(self, key: str) -> EditionRef | None:
        """The listing entry of an edition by its date key."""
        return self._refs_by_key.get(key)

    def edition(self, key: str) -> Edition | None:
        """The parsed edition for a date key (``2023-07-13``), or ``None``."""
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        ref = self._refs_by_key.get(key)
        if ref is None:
            return None
        result = load_edition_file(ref.path)
        if result.edition is None:
            return None
        self._cache[key] = result.edition
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return result.edition

    def forget(self, key: str) -> None:
        """Drop the parsed edition of ``key``: its file changed, the next use reads it again."""
        self._cache.pop(key, None)

    def editions(self) -> Iterator[Edition]:
        """Every edition, oldest first, parsing each (for check, indexing, benchmarks)."""
        for ref in self.refs:
            edition = self.edition(ref.key)
            if edition is not None:
                yield edition

    def article(self, article_id: str) -> Article | None:
        """An article by its id (``2023-07-13/3/tan-xun``)."""
        edition = self.edition(article_id.split("/", 1)[0])
        return edition.article(article_id) if edition else None

    def story(self, article_id: str) -> Story | None:
        """The whole story of an article, fragments in reading order."""
        edition = self.edition(article_id.split("/", 1)[0])
        return edition.story(article_id) if edition else None
