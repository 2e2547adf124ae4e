"""The kiosk home view: newest edition, first bundled page, with fallbacks noted."""

from dataclasses import replace

from jiangbei_reader.core.kiosk.config import parse_config
from jiangbei_reader.core.kiosk.home import resolve_home
from jiangbei_reader.core.kiosk.store import default_config_text
from jiangbei_reader.core.library import Library
from tests.helpers.editions import JUMP_PAIR, write_edition


def config(tmp_path, **changes):
    return replace(parse_config(default_config_text(None), tmp_path / "kiosk.toml"), **changes)


def library(tmp_path):
    folder = tmp_path / "editions"
    write_edition(folder)
    write_edition(folder, JUMP_PAIR.replace("2030-01-02", "2029-12-31"), "2029-12-31.md")
    return Library([folder])


def test_home_is_the_newest_editions_first_page(tmp_path):
    target = resolve_home(config(tmp_path), library(tmp_path))
    assert (target.edition_key, target.page_id, target.note) == ("2030-01-02", "1", "")


def test_a_fixed_edition_and_page_are_honoured(tmp_path):
    chosen = config(tmp_path, home_edition="2029-12-31", home_page="3")
    target = resolve_home(chosen, library(tmp_path))
    assert (target.edition_key, target.page_id, target.note) == ("2029-12-31", "3", "")


def test_a_vanished_edition_or_page_falls_back_to_newest_and_first_with_a_note(tmp_path):
    chosen = config(tmp_path, home_edition="2001-01-01", home_page="9")
    target = resolve_home(chosen, library(tmp_path))
    assert (target.edition_key, target.page_id) == ("2030-01-02", "1")
    assert "2001-01-01" in target.note and "page 9" in target.note


FIRST_PAGE_MISSING = """\
---
paper: 江北报
date: 2030-01-02
note: 合成测试版面（synthetic），不是真实报纸。
---

# 第1版 要闻
未收录

# 第2版 综合

## 第二版短讯
类型：简讯

只有一段的短讯。
"""


def test_the_first_page_skips_a_page_that_is_not_bundled(tmp_path):
    write_edition(tmp_path / "editions", FIRST_PAGE_MISSING)
    target = resolve_home(config(tmp_path), Library([tmp_path / "editions"]))
    assert (target.edition_key, target.page_id) == ("2030-01-02", "2")


def test_an_empty_library_has_no_home(tmp_path):
    assert resolve_home(config(tmp_path), Library([tmp_path / "none"])) is None
