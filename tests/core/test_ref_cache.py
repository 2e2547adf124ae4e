"""The edition list cache: unchanged files are not opened again; changes are seen."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

import jiangbei_reader.core.library as library_module
from jiangbei_reader.core.library import Library
from jiangbei_reader.core.ref_cache import RefCache, default_ref_cache_path
from jiangbei_reader.core.synthetic import write_archive
from tests.helpers.editions import JUMP_PAIR, rewrite_in_place, write_edition


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Files whose front matter the listing read."""
    read: list[Path] = []
    original = library_module.read_edition_ref

    def counting(path: Path):  # type: ignore[no-untyped-def]
        read.append(path)
        return original(path)

    monkeypatch.setattr(library_module, "read_edition_ref", counting)
    return read


def _listing(library: Library) -> list[tuple[str, str, str, str]]:
    return [(r.key, r.paper, r.number, str(r.path)) for r in library.refs]


def test_a_second_listing_opens_no_unchanged_file(tmp_path: Path, opened: list[Path]) -> None:
    folder = tmp_path / "archive"
    write_archive(folder, 30, pages=1, articles_per_page=1)
    opened.clear()  # (the generator lists the bundled edition)
    cache = tmp_path / "cache.json"
    first = Library([folder], ref_cache=RefCache(cache))
    assert len(opened) == 30 and cache.is_file()
    opened.clear()
    second = Library([folder], ref_cache=RefCache(cache))
    assert opened == []
    assert _listing(second) == _listing(first) == _listing(Library([folder]))


def test_changed_added_and_removed_files_are_seen(tmp_path: Path, opened: list[Path]) -> None:
    folder = tmp_path / "editions"
    path = write_edition(folder, JUMP_PAIR)
    write_edition(folder, JUMP_PAIR.replace("2030-01-02", "2029-12-30"), name="old.md")
    cache = tmp_path / "cache.json"
    Library([folder], ref_cache=RefCache(cache))
    opened.clear()
    path.write_text(JUMP_PAIR.replace("number: 9999", "number: 12345"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    (folder / "old.md").unlink()
    write_edition(folder, JUMP_PAIR.replace("2030-01-02", "2030-01-03"), name="new.md")
    library = Library([folder], ref_cache=RefCache(cache))
    assert sorted(Path(p).name for p in opened) == ["2030-01-02.md", "new.md"]
    assert [(r.key, r.number) for r in library.refs] == [
        ("2030-01-02", "12345"),
        ("2030-01-03", "9999"),
    ]
    kept = json.loads(cache.read_text(encoding="utf-8"))["files"]
    assert sorted(Path(name).name for name in kept) == ["2030-01-02.md", "new.md"]


@pytest.mark.parametrize(
    "content",
    [
        b"\x00garbage",
        b"[]",
        b'{"version": 1, "files": {"x": [1]}}',
        b'{"version": 99, "files": {}}',
        b'{"version": 2, "files": {"x.md": [1, 2, "not a date", "", ""]}, "folders": {"/": 0}}',
        b'{"version": 2, "files": {"x.md": [1]}, "folders": {"/nowhere": 1}}',
        b'{"version": 2, "files": {}, "folders": "no"}',
    ],
)
def test_a_bad_cache_file_is_not_used(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "editions"
    write_edition(folder, JUMP_PAIR)
    cache = tmp_path / "cache.json"
    cache.write_bytes(content)
    library = Library([folder], ref_cache=RefCache(cache), trust_cache=True)
    assert library.verified  # not trusted: listed file by file
    assert [r.key for r in library.refs] == ["2030-01-02"]
    assert json.loads(cache.read_text(encoding="utf-8"))["version"] == 2  # written anew


def test_each_set_of_folders_has_its_own_cache_file(tmp_path: Path) -> None:
    one = default_ref_cache_path([tmp_path / "a"])
    assert one == default_ref_cache_path([tmp_path / "a"])
    assert one != default_ref_cache_path([tmp_path / "b"])
    assert one != default_ref_cache_path([tmp_path / "a", tmp_path / "b"])
    assert one.name.startswith("editions-") and one.suffix == ".json"


def test_a_trusted_listing_checks_folders_only_and_verify_finds_nothing_new(
    tmp_path: Path, opened: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_archive(tmp_path / "archive", 12)
    cache = tmp_path / "cache.json"
    first = Library([tmp_path / "archive"], ref_cache=RefCache(cache))
    assert first.verified
    opened.clear()
    stats: list[str] = []
    real_stat = os.stat

    def counting_stat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        stats.append(str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", counting_stat)
    trusted = Library([tmp_path / "archive"], ref_cache=RefCache(cache), trust_cache=True)
    assert not trusted.verified and opened == []
    assert not any(name.endswith(".md") for name in stats)  # the folders only
    assert _listing(trusted) == _listing(first)
    assert trusted.verify() is False and trusted.verified
    assert _listing(trusted) == _listing(first)


def test_a_file_added_or_removed_is_seen_at_once_even_when_trusting(tmp_path: Path) -> None:
    folder = tmp_path / "editions"
    write_edition(folder, JUMP_PAIR)
    cache = tmp_path / "cache.json"
    Library([folder], ref_cache=RefCache(cache))
    write_edition(folder, JUMP_PAIR.replace("2030-01-02", "2030-01-03"), name="new.md")
    added = Library([folder], ref_cache=RefCache(cache), trust_cache=True)
    assert added.verified and [r.key for r in added.refs] == ["2030-01-02", "2030-01-03"]
    (folder / "new.md").unlink()
    removed = Library([folder], ref_cache=RefCache(cache), trust_cache=True)
    assert removed.verified and [r.key for r in removed.refs] == ["2030-01-02"]


def test_a_file_rewritten_in_place_is_found_by_verify(tmp_path: Path) -> None:
    folder = tmp_path / "editions"
    path = write_edition(folder, JUMP_PAIR)
    cache = tmp_path / "cache.json"
    Library([folder], ref_cache=RefCache(cache))
    rewrite_in_place(path, JUMP_PAIR.replace("number: 9999", "number: 123"))
    library = Library([folder], ref_cache=RefCache(cache), trust_cache=True)
    assert not library.verified and library.refs[0].number == "9999"  # shown first
    assert library.verify() is True
    assert library.refs[0].number == "123"
    edition = library.edition("2030-01-02")
    assert edition is not None and edition.number == "123"
    # Checked, and saved: the next start trusts the new listing.
    again = Library([folder], ref_cache=RefCache(cache), trust_cache=True)
    assert not again.verified and again.refs[0].number == "123"


def test_a_listing_with_problems_is_never_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "editions"
    write_edition(folder, JUMP_PAIR)
    (folder / "broken.md").write_bytes(b"\xff\xfe\x00 not an edition")
    cache = tmp_path / "cache.json"
    first = Library([folder], ref_cache=RefCache(cache))
    assert first.diagnostics
    second = Library([folder], ref_cache=RefCache(cache), trust_cache=True)
    assert second.verified and second.diagnostics  # listed file by file, problems told


def test_cache_files_of_folders_unused_for_long_are_deleted(tmp_path: Path) -> None:
    from jiangbei_reader.core.ref_cache import UNUSED_DAYS, library_cache_path, prune_library_caches

    mine, recent, old = [tmp_path / name for name in ("mine", "recent", "old")]
    now = time.time()
    long_ago = now - (UNUSED_DAYS + 1) * 86_400
    paths = {}
    for roots in (mine, recent, old):
        index = library_cache_path([roots], "search", ".sqlite3")
        listing = library_cache_path([roots], "editions", ".json")
        wal = Path(f"{index}-wal")
        index.parent.mkdir(parents=True, exist_ok=True)
        for path in (index, listing, wal):
            path.write_bytes(b"x")
            stamp = long_ago if roots is not recent else now - 86_400
            os.utime(path, (stamp, stamp))
        paths[roots.name] = (index, listing, wal)
    other = index.parent / "slugs.json"  # not a per-library file: never touched
    other.write_bytes(b"{}")
    os.utime(other, (long_ago, long_ago))

    deleted = prune_library_caches([mine], now=now)
    assert sorted(deleted) == sorted(paths["old"])
    assert not any(p.exists() for p in paths["old"])
    assert all(p.exists() for p in (*paths["mine"], *paths["recent"], other))
    # This library's files are marked as used, so a later start does not take them for old.
    assert all(p.stat().st_mtime > long_ago for p in paths["mine"])


def test_the_same_folder_given_another_way_is_listed_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Names are kept as the folder was given: "editions/x.md" from one working folder
    # is another file from the next, though both name the same absolute folder.
    here, there = tmp_path / "here", tmp_path / "there"
    folder = here / "editions"
    write_edition(folder, JUMP_PAIR)
    cache = tmp_path / "cache.json"
    monkeypatch.chdir(here)
    Library([Path("editions")], ref_cache=RefCache(cache))
    # Elsewhere, a folder of the same name and time: only the roots tell them apart.
    (there / "editions").mkdir(parents=True)
    stamp = folder.stat()
    os.utime(there / "editions", ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    monkeypatch.chdir(there)
    absolute = Library([folder], ref_cache=RefCache(cache), trust_cache=True)
    assert absolute.verified
    assert [ref.path for ref in absolute.refs] == [folder / "2030-01-02.md"]
