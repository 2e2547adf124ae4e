"""Fixtures for search tests: small editions in a temporary folder and an index over them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.search import SearchIndex
from jiangbei_reader.resources import editions_dir

BUNDLED = editions_dir() / "2023-07-13.md"


def edition_text(date: str, pages: dict[str, list[tuple[str, str]]], **fields: str) -> str:
    """A synthetic edition: pages of (headline line, body) articles; never real news."""
    lines = ["---", "paper: 江北报", f"date: {date}", "note: 合成测试版面（synthetic）", "---", ""]
    for page, articles in pages.items():
        lines += [f"# 第{page}版 测试", ""]
        for headline, body in articles:
            lines += [f"## {headline}", "", body, ""]
    return "\n".join(lines)


def write(folder: Path, date: str, pages: dict[str, list[tuple[str, str]]]) -> Path:
    """Write a synthetic edition file named after its date."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{date}.md"
    path.write_text(edition_text(date, pages), encoding="utf-8")
    return path


IndexFactory = Callable[..., SearchIndex]


@pytest.fixture
def make_index(tmp_path: Path) -> Iterator[IndexFactory]:
    """Build an updated index over some folders (file in tmp_path unless memory=True)."""
    made: list[SearchIndex] = []

    def make(*folders: Path, memory: bool = False, path: Path | None = None) -> SearchIndex:
        library = Library(list(folders))
        if memory:
            index = SearchIndex.in_memory(library)
        else:
            index = SearchIndex.open(path or tmp_path / "cache" / "search.sqlite3", library)
        index.update()
        made.append(index)
        return index

    yield make
    for index in made:
        index.close()


@pytest.fixture
def bundled_index(make_index: IndexFactory) -> SearchIndex:
    """An index over the bundled real edition (2023-07-13)."""
    assert BUNDLED.is_file()
    return make_index(BUNDLED.parent)
