"""The flat TOML writer: whatever it writes, tomllib reads back unchanged."""

import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiangbei_reader.core.kiosk import tomlwrite

# Text without lone surrogates (which UTF-8 cannot hold).
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
scalars = st.one_of(st.booleans(), st.integers(-(2**63), 2**63 - 1), texts)
tables = st.dictionaries(texts, scalars, max_size=6)


@given(top=tables, named=st.dictionaries(texts, tables, max_size=4))
def test_anything_written_reads_back_equal(top, named):
    # A table name must not clash with a top-level key.
    named = {name: entries for name, entries in named.items() if name not in top}
    text = tomlwrite.dumps(top, named)
    assert tomllib.loads(text) == {**top, **named}


@pytest.mark.parametrize(
    ("item", "written"),
    [
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-7, "-7"),
        ("江北区", '"江北区"'),
        ('say "hi"\\', '"say \\"hi\\"\\\\"'),
        ("tab\there\x7f", '"tab\\there\\u007F"'),
    ],
)
def test_values_are_written_as_toml_spells_them(item, written):
    assert tomlwrite.value(item) == written


def test_keys_are_bare_when_possible_and_quoted_otherwise():
    assert tomlwrite.key("font_step") == "font_step"
    assert tomlwrite.key("字号") == '"字号"'
    assert tomlwrite.key("a b") == '"a b"'


def test_floats_and_lists_are_refused():
    with pytest.raises(TypeError):
        tomlwrite.value(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        tomlwrite.value([1])  # type: ignore[arg-type]


def test_lone_surrogates_are_refused():
    with pytest.raises(ValueError, match="surrogates"):
        tomlwrite.string("\ud800")
