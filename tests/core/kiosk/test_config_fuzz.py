"""Whatever kiosk.toml holds, loading answers with a config or a KioskConfigError, never a crash."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jiangbei_reader.core.kiosk import tomlwrite
from jiangbei_reader.core.kiosk.config import KioskConfig, KioskConfigError, parse_config
from jiangbei_reader.core.kiosk.schema import SETTINGS

PATH = Path("kiosk.toml")
KNOWN_TABLES = sorted({s.table for s in SETTINGS} | {"pin"})
KNOWN_KEYS = sorted({s.key for s in SETTINGS} | {"scheme", "n", "r", "p", "salt", "hash"})

names = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=12))
scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.sampled_from(["scrypt", "newest", "first", "light", "00ff", "2030-01-02"]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
)
tables = st.dictionaries(names, scalars, max_size=6)


def load(text):
    try:
        return parse_config(text, PATH)
    except KioskConfigError as error:
        assert error.problems
        assert all(p.line is None or p.line >= 1 for p in error.problems)
        assert str(error).startswith(str(PATH))
        return error


@given(st.text(max_size=300))
def test_any_text_is_loaded_or_refused_with_named_problems(text):
    assert isinstance(load(text), KioskConfig | KioskConfigError)


@given(st.dictionaries(st.sampled_from(KNOWN_TABLES), tables, max_size=5))
def test_any_toml_with_the_right_tables_is_loaded_or_refused_by_key(document):
    result = load(tomlwrite.dumps({}, document))
    if isinstance(result, KioskConfigError):
        # A problem about a key is reported with that key's table.
        for problem in result.problems:
            assert problem.key.split(".")[0] in {*KNOWN_TABLES, "version", ""}
