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


def test_a_folder_that_links_back_to_itself_is_listed_once(tmp_path: Path) -> None:
    # Symbolic links to folders are not followed (as os.walk does not): no endless loop.
    folder = tmp_path / "editions"
    write_edition(folder, JUMP_PAIR)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    files, problems = find_edition_files([folder])
    assert [p.name for p in files] == ["2030-01-02.md"] and problems == []
    assert [ref.key for ref in Library([folder]).refs] == ["2030-01-02"]


def test_edition_refs_compare_by_file_and_front_matter(tmp_path: Path) -> None:
    folder = tmp_path / "editions"
    path = write_edition(folder, JUMP_PAIR)
    one, two = Library([folder]).refs[0], Library([folder]).refs[0]
    assert one == two and hash(one) == hash(two) and one.path == path
    assert one != Library([write_edition(tmp_path / "b", JUMP_PAIR)]).refs[0]
    assert "2030" in repr(one)
