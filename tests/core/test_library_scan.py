"""Listing edition files: order, hidden folders, a library kept under a hidden folder."""

from __future__ import annotations

from pathlib import Path

from jiangbei_reader.core.library import Library, find_edition_files
from tests.helpers.editions import JUMP_PAIR, write_edition


def test_files_are_listed_sorted_and_hidden_ones_below_the_folder_are_skipped(
    tmp_path: Path,
) -> None:
    root = tmp_path / "editions"
    for name in ("b.md", "a.md", "a-b/z.md", "a/y.md", "notes.txt", ".hidden.md", ".git/x.md"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    (root / "folder.md").mkdir()
    files, problems = find_edition_files([root])
    assert problems == []
    # Folder by folder ("a" before "a-b"), each folder's own files before its subfolders'.
    assert [p.relative_to(root).as_posix() for p in files] == ["a.md", "b.md", "a/y.md", "a-b/z.md"]


def test_a_library_inside_a_hidden_folder_is_read(tmp_path: Path) -> None:
    # e.g. ~/.local/share/jiangbei-reader/editions: only what is hidden below the folder is skipped.
    root = tmp_path / ".local" / "editions"
    write_edition(root, JUMP_PAIR)
    library = Library([root])
    assert [ref.key for ref in library.refs] == ["2030-01-02"]
    assert library.diagnostics == []
