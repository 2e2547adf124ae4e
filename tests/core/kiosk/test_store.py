"""Writing kiosk.toml: defaults when absent, only the [pin] table replaced, safe modes."""

import os
import stat
import tomllib

import pytest

from jiangbei_reader.core.kiosk.config import KioskConfigError, load_config, load_for_kiosk
from jiangbei_reader.core.kiosk.store import default_config_text, replace_pin_table, write_pin
from tests.core.kiosk.conftest import cheap_hash

CUSTOM = """\
# Library of 江北区, reading room 2 — kept by the librarian.
version = 1

[idle]
article_seconds = 300   # old readers read slowly
browse_seconds = 90

# Old PIN below; set-pin replaces it.
[pin]
scheme = "scrypt"
# a comment inside the table goes with it
n = 1024
r = 8
p = 1
salt = "00112233445566778899aabbccddeeff"
hash = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

# Display for the big screen.
[display]
theme = "elder"
"""


def test_set_pin_creates_a_missing_file_with_defaults_and_mode_0600(tmp_path):
    path = tmp_path / "new" / "kiosk.toml"
    result = write_pin(path, cheap_hash("1234"))
    assert result.created
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    config = load_for_kiosk(path)
    assert config.pin.verify("1234")
    assert config.defaults_used == frozenset()


def test_the_pin_itself_is_never_in_the_file(tmp_path):
    path = tmp_path / "kiosk.toml"
    write_pin(path, cheap_hash("97531"))
    assert "97531" not in path.read_text(encoding="utf-8")


def test_set_pin_replaces_only_the_pin_table_and_keeps_every_other_line(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text(CUSTOM, encoding="utf-8")
    new = cheap_hash("5555")
    assert not write_pin(path, new).created
    text = path.read_text(encoding="utf-8")
    old_lines = CUSTOM.splitlines()
    start = old_lines.index("[pin]")
    end = old_lines.index(
        'hash = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"'
    )
    new_lines = text.splitlines()
    assert new_lines[:start] == old_lines[:start]  # including the comment above [pin]
    assert new_lines[start + 7 :] == old_lines[end + 1 :]  # "# Display …" comment kept
    assert new_lines[start] == "[pin]"
    config = load_config(path)
    assert config.pin.verify("5555")
    assert (config.article_idle_seconds, config.browse_idle_seconds) == (300, 90)
    assert config.theme == "elder"


def test_set_pin_appends_a_pin_table_when_there_is_none(tmp_path):
    path = tmp_path / "kiosk.toml"
    body = default_config_text(None)
    path.write_text(body, encoding="utf-8")
    write_pin(path, cheap_hash())
    text = path.read_text(encoding="utf-8")
    assert text.startswith(body)
    assert load_for_kiosk(path).pin.verify("2468")


def test_setting_the_pin_twice_leaves_one_pin_table(tmp_path):
    path = tmp_path / "kiosk.toml"
    write_pin(path, cheap_hash("1111"))
    write_pin(path, cheap_hash("2222"))
    text = path.read_text(encoding="utf-8")
    assert text.count("[pin]") == 1
    assert text.count("管理员 PIN") == 1
    assert load_config(path).pin.verify("2222")


def test_a_file_that_is_not_toml_is_left_untouched(tmp_path):
    path = tmp_path / "kiosk.toml"
    broken = "version = 1\n[idle\n"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(KioskConfigError, match=r"(?s):2: not valid TOML.*nothing was written"):
        write_pin(path, cheap_hash())
    assert path.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize(
    "pin_text",
    ['pin = { scheme = "scrypt" }\n', 'pin.scheme = "scrypt"\n'],
)
def test_a_pin_not_written_as_a_table_is_refused_and_the_file_kept(tmp_path, pin_text):
    path = tmp_path / "kiosk.toml"
    original = "version = 1\n" + pin_text
    path.write_text(original, encoding="utf-8")
    with pytest.raises(KioskConfigError, match="not written as a \\[pin\\] table"):
        write_pin(path, cheap_hash())
    assert path.read_text(encoding="utf-8") == original


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_rewriting_keeps_group_access_but_drops_access_for_others(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text(CUSTOM, encoding="utf-8")
    path.chmod(0o664)
    write_pin(path, cheap_hash())
    assert stat.S_IMODE(path.stat().st_mode) == 0o660


def test_no_temporary_file_is_left_behind(tmp_path):
    write_pin(tmp_path / "kiosk.toml", cheap_hash())
    write_pin(tmp_path / "kiosk.toml", cheap_hash())
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.toml"]


def test_replace_pin_table_output_parses_to_the_same_settings():
    text = replace_pin_table(CUSTOM, cheap_hash())
    old, new = tomllib.loads(CUSTOM), tomllib.loads(text)
    assert {k: v for k, v in new.items() if k != "pin"} == {
        k: v for k, v in old.items() if k != "pin"
    }
