import datetime as dt

from jiangbei_reader.core.diagnostics import Severity
from jiangbei_reader.core.library import Library
from tests.helpers.editions import JUMP_PAIR, write_edition


def edition_text(date: str) -> str:
    return JUMP_PAIR.replace("2030-01-02", date)


def test_folder_loads_editions_sorted_by_date(tmp_path):
    write_edition(tmp_path, edition_text("2030-03-01"), "b.md")
    write_edition(tmp_path / "sub", edition_text("2030-01-01"), "a.md")
    library = Library([tmp_path])
    assert [ref.date for ref in library] == [dt.date(2030, 1, 1), dt.date(2030, 3, 1)]
    assert library.newest.key == "2030-03-01"


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    write_edition(tmp_path, edition_text("2030-03-01"), "good.md")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01garbage")
    (tmp_path / "nodate.md").write_text("# 1\n未收录\n", encoding="utf-8")
    library = Library([tmp_path])
    assert [ref.key for ref in library] == ["2030-03-01"]
    assert library.edition("2030-03-01") is not None
    bad = {d.path.name for d in library.diagnostics if d.severity is Severity.ERROR}
    assert bad == {"binary.md", "nodate.md"}


def test_duplicate_dates_are_reported_and_the_first_is_kept(tmp_path):
    write_edition(tmp_path, edition_text("2030-03-01"), "a.md")
    write_edition(tmp_path, edition_text("2030-03-01").replace("9999", "1"), "b.md")
    library = Library([tmp_path])
    assert len(library) == 1
    assert library.edition("2030-03-01").number == "9999"
    duplicate = [d for d in library.diagnostics if d.code == "duplicate-edition"]
    assert [d.path.name for d in duplicate] == ["b.md"]


def test_articles_and_stories_by_id(tmp_path):
    write_edition(tmp_path)
    library = Library([tmp_path])
    assert library.article("2030-01-02/3/kai-pian").headline == "测试新闻开篇"
    assert len(library.story("2030-01-02/1/kai-pian").fragments) == 2
    assert library.article("2099-01-01/1/x") is None
    assert library.article("garbage") is None


def test_listing_reads_front_matter_only_and_parses_on_demand(tmp_path, monkeypatch):
    write_edition(tmp_path)
    calls = []
    import jiangbei_reader.core.library as library_module

    real = library_module.load_edition_file
    monkeypatch.setattr(library_module, "load_edition_file", lambda p: calls.append(p) or real(p))
    library = Library([tmp_path])
    assert calls == []
    library.edition("2030-01-02")
    library.edition("2030-01-02")
    assert len(calls) == 1


def test_missing_folder_is_a_diagnostic(tmp_path):
    library = Library([tmp_path / "nope"])
    assert len(library) == 0 and library.diagnostics[0].code == "io"
