"""kiosk.toml validation: every key, every kind of mistake, named by file, key and line."""

import re

import pytest

from jiangbei_reader.core.kiosk.config import (
    KioskConfigError,
    key_line,
    load_config,
    load_for_kiosk,
    load_kiosk_start,
    parse_config,
    set_pin_command,
)
from jiangbei_reader.core.kiosk.schema import FONT_STEPS, SETTINGS, THEMES
from jiangbei_reader.core.kiosk.store import default_config_text
from tests.core.kiosk.conftest import cheap_hash

PIN = cheap_hash()
FULL = default_config_text(PIN)


def write(tmp_path, text):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def set_value(text, dotted, literal):
    """Replace one `key = value` line inside its table (the default file has each once)."""
    table, key = dotted.split(".")
    line = key_line(text, table, key)
    assert line, dotted
    lines = text.splitlines()
    lines[line - 1] = f"{key} = {literal}"
    return "\n".join(lines) + "\n", line


def problems_of(tmp_path, text):
    with pytest.raises(KioskConfigError) as caught:
        load_config(write(tmp_path, text))
    return caught.value


def test_the_default_file_loads_with_every_documented_default(tmp_path):
    config = load_for_kiosk(write(tmp_path, FULL))
    assert config.pin == PIN
    assert (config.article_idle_seconds, config.browse_idle_seconds) == (120, 60)
    assert config.countdown_seconds >= 20
    assert (config.home_edition, config.home_page) == ("newest", "first")
    assert config.font_step in FONT_STEPS and config.theme in THEMES
    assert config.allow_read_aloud is True and config.allow_printing is False
    assert config.defaults_used == frozenset()
    assert all(config.value(s) == s.default for s in SETTINGS)


def test_a_file_with_only_a_pin_uses_defaults_and_says_which(tmp_path):
    only_pin = FULL[FULL.index("[pin]") :]
    config = load_for_kiosk(write(tmp_path, only_pin))
    assert config.defaults_used == {s.name for s in SETTINGS}
    assert config.article_idle_seconds == 120


def test_missing_file_is_refused_naming_it_with_the_command_that_creates_it(tmp_path):
    path = tmp_path / "nowhere" / "kiosk.toml"
    with pytest.raises(KioskConfigError) as caught:
        load_for_kiosk(path)
    message = str(caught.value)
    assert f"{path}: no such file" in message
    assert set_pin_command(path) in message


def test_invalid_toml_is_refused_with_its_line(tmp_path):
    text = FULL.replace('theme = "light"', "theme = light")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t == "theme = light")
    error = problems_of(tmp_path, text)
    assert str(error).startswith(f"{error.path}:{line}: not valid TOML: ")


def test_toml_ending_too_soon_is_reported_at_the_last_line(tmp_path):
    error = problems_of(tmp_path, "version = 1\n[idle]\narticle_seconds =\n")
    assert error.problems[0].line == 3


def test_non_utf8_file_is_refused_with_the_line(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b"version = 1\n# \xff\n")
    with pytest.raises(KioskConfigError, match=r":2: not UTF-8"):
        load_config(path)


# One bad value per key: (key, TOML literal, words the message must contain).
BAD_VALUES = [
    ("idle.article_seconds", '"120"', "whole number, not a string"),
    ("idle.article_seconds", "120.5", "whole number, not a decimal"),
    ("idle.article_seconds", "10", "from 30 to 3600 seconds, not 10"),
    ("idle.browse_seconds", "true", "whole number, not a boolean"),
    ("idle.browse_seconds", "5000", "from 20 to 3600 seconds"),
    ("idle.countdown_seconds", "19", "from 20 to 300 seconds, not 19"),
    ("idle.countdown_seconds", "[30]", "whole number, not a list"),
    ("home.edition", '"latest"', 'must be "newest" or an edition date'),
    ("home.edition", '"2023-02-30"', "edition date"),
    ("home.edition", "2023-07-13", "string, not a date"),
    ("home.page", '"first page"', 'must be "first" or a page id'),
    ("home.page", "1", "string, not a whole number"),
    ("display.font_step", "175", "must be one of 100, 125, 150, 200, 250, 300, not 175"),
    ("display.font_step", '"150"', "whole number, not a string"),
    ("display.theme", '"sepia"', "must be one of 'light', 'dark', 'elder'"),
    ("display.theme", '"high-contrast"', "not 'high-contrast'"),
    ("display.theme", '"Dark"', "not 'Dark'"),
    ("features.allow_read_aloud", '"yes"', "true or false, not a string"),
    ("features.allow_read_aloud", "1", "true or false, not a whole number"),
    ("features.allow_printing", '"false"', "true or false, not a string"),
]


def test_every_setting_has_a_bad_value_case():
    assert {key for key, _, _ in BAD_VALUES} == {s.name for s in SETTINGS}


@pytest.mark.parametrize(("dotted", "literal", "words"), BAD_VALUES)
def test_a_bad_value_is_refused_naming_file_line_and_key(tmp_path, dotted, literal, words):
    text, line = set_value(FULL, dotted, literal)
    error = problems_of(tmp_path, text)
    assert len(error.problems) == 1
    assert str(error).startswith(f"{error.path}:{line}: {dotted}: ")
    assert words in str(error)


@pytest.mark.parametrize(
    ("dotted", "literal"),
    [
        ("idle.article_seconds", "30"),
        ("idle.article_seconds", "3600"),
        ("idle.countdown_seconds", "20"),
        ("home.edition", '"2023-07-13"'),
        ("home.page", '"3"'),
        ("display.font_step", "300"),
        ("display.theme", '"elder"'),
        ("features.allow_printing", "true"),
    ],
)
def test_values_at_the_edges_of_their_range_are_accepted(tmp_path, dotted, literal):
    text, _ = set_value(FULL, dotted, literal)
    config = load_config(write(tmp_path, text))
    setting = next(s for s in SETTINGS if s.name == dotted)
    assert str(config.value(setting)).lower() == literal.strip('"')


def test_all_problems_are_reported_at_once_in_line_order(tmp_path):
    text, first = set_value(FULL, "idle.article_seconds", "5")
    text, second = set_value(text, "display.theme", '"pink"')
    error = problems_of(tmp_path, text)
    assert [p.line for p in error.problems] == [first, second]


def test_an_unknown_key_is_refused_with_a_suggestion(tmp_path):
    text = FULL.replace("font_step = 125", "font_stepp = 125")
    error = problems_of(tmp_path, text)
    assert any(
        p.key == "display.font_stepp" and "did you mean 'font_step'" in p.message
        for p in error.problems
    )


def test_an_unknown_table_is_refused_with_its_line(tmp_path):
    text = FULL + '\n[dispaly]\ntheme = "dark"\n'
    error = problems_of(tmp_path, text)
    (problem,) = error.problems
    assert problem.key == "dispaly" and "did you mean 'display'" in problem.message
    assert problem.message.startswith("unknown table")
    assert problem.line == len(text.splitlines()) - 1


def test_an_unknown_top_level_key_is_refused_with_its_line(tmp_path):
    error = problems_of(tmp_path, FULL.replace("version = 1", "version = 1\nverison = 1"))
    (problem,) = error.problems
    assert problem.key == "verison" and "unknown key (did you mean 'version'?)" in problem.message
    assert problem.line == FULL.splitlines().index("version = 1") + 2


def test_a_table_written_as_a_value_is_refused(tmp_path):
    error = problems_of(tmp_path, "idle = 120\n")
    assert error.problems[0].key == "idle" and error.problems[0].line == 1


def test_dotted_keys_are_found_for_line_numbers(tmp_path):
    error = problems_of(tmp_path, "version = 1\nidle.article_seconds = 1\n")
    assert error.problems[0].line == 2


def test_an_unsupported_version_is_refused(tmp_path):
    error = problems_of(tmp_path, FULL.replace("version = 1", "version = 2"))
    assert error.problems[0].key == "version" and "must be 1" in error.problems[0].message


def test_no_pin_refuses_kiosk_mode_with_the_exact_set_pin_command(tmp_path):
    path = write(tmp_path, default_config_text(None))
    assert load_config(path).pin is None  # valid for show-config ...
    with pytest.raises(KioskConfigError) as caught:
        load_for_kiosk(path)  # ... but kiosk mode will not start
    message = str(caught.value)
    assert "no admin PIN is set" in message
    assert f"jiangbei-reader kiosk set-pin --kiosk-config {path}" in message


def test_the_set_pin_command_quotes_paths_with_spaces(tmp_path):
    path = tmp_path / "my kiosk" / "kiosk.toml"
    assert set_pin_command(path).endswith(f"--kiosk-config '{path}'")


def test_load_kiosk_start_uses_the_explicit_path(tmp_path):
    path = write(tmp_path, FULL)
    assert load_kiosk_start(path).path == path


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        ('scheme = "scrypt"', 'scheme = "plain"', "pin.scheme", "must be one of scrypt"),
        ("n = 1024", "n = 1000", "pin.n", "power of two"),
        ("n = 1024", "", "pin.n", "missing"),
        ("r = 8", 'r = "8"', "pin.r", "whole number"),
        ('salt = "', 'salt = "zz', "pin.salt", "hexadecimal"),
        ("\np = 1\n", "\np = 1\niterations = 5\n", "pin.iterations", "unknown key for scrypt"),
    ],
)
def test_a_damaged_pin_table_is_refused_by_key(tmp_path, old, new, key, words):
    error = problems_of(tmp_path, FULL.replace(old, new, 1))
    assert any(p.key == key and words in p.message for p in error.problems), str(error)


def test_a_plain_pin_written_by_hand_is_refused_not_trusted(tmp_path):
    text = FULL[: FULL.index("[pin]")] + '[pin]\npin = "1234"\n'
    error = problems_of(tmp_path, text)
    assert error.problems[0].key == "pin.scheme"


def test_messages_have_the_file_line_key_form(tmp_path):
    text, _ = set_value(FULL, "idle.browse_seconds", "1")
    error = problems_of(tmp_path, text)
    assert re.fullmatch(r".+kiosk\.toml:\d+: idle\.browse_seconds: .+", str(error))


def test_parse_config_does_not_touch_the_disk(tmp_path):
    path = tmp_path / "never-written.toml"
    assert parse_config(FULL, path).path == path
    assert not path.exists()


def test_font_steps_and_themes_are_the_readers_own_lists():
    from jiangbei_reader.core import themes, typography

    assert FONT_STEPS == typography.FONT_STEPS
    assert set(THEMES) == set(themes.THEMES)
