"""No input, however broken, raises out of the loader."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiangbei_reader.core.diagnostics import Diagnostic
from jiangbei_reader.core.library import load_edition_file
from jiangbei_reader.core.parser import parse_edition
from jiangbei_reader.core.textio import decode_edition_bytes
from tests.helpers.editions import JUMP_PAIR

PIECES = [
    "---\n", "paper: 江北报\n", "date: 2030-01-02\n", "date: 2030-02-30\n", "# 第1版\n",
    "# 第三版 经济\n", "# A2\n", "## 标题\n", "## 标题 {#id}\n", "## {#}\n", "### 小标题\n",
    "未收录\n", "作者：甲\n", "类型：公益广告\n", "引题:\n", "\n", "正文。\n", "（下转3版）\n",
    "（上接1版）\n", "(接A2版)", "![图]()\n", "![图](../../x)\n", "<!--", "-->", "<!-- 待核：x -->\n",
    "#", "##", "：", "{#", "\ufeff", "\r\n", "\u3000",
]  # fmt: skip


def assert_well_formed(result):
    assert all(isinstance(d, Diagnostic) for d in result.diagnostics)
    if result.edition is not None:
        ids = [a.id for a in result.edition.articles()]
        assert len(ids) == len(set(ids))
        for article in result.edition.articles():
            assert result.edition.story(article.id) is not None
    else:
        assert result.diagnostics, "no edition must come with a reason"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=40))
def test_any_sequence_of_edition_pieces_gives_a_model_or_diagnostics(pieces):
    assert_well_formed(parse_edition("".join(pieces)))


@settings(max_examples=200)
@given(st.text(alphabet=string.printable + "江北报第版接转下上（）：#【】\u3000", max_size=400))
def test_random_text(text):
    assert_well_formed(parse_edition(text))


@settings(max_examples=200)
@given(st.data())
def test_mutated_real_edition(data):
    text = JUMP_PAIR
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["delete", "insert", "duplicate"]))
        if action == "delete":
            text = text[:position] + text[position + data.draw(st.integers(1, 30)) :]
        elif action == "insert":
            text = text[:position] + data.draw(st.sampled_from(PIECES)) + text[position:]
        else:
            text = text[:position] + text[position : position + 40] + text[position:]
    assert_well_formed(parse_edition(text))


@settings(max_examples=200)
@given(st.binary(max_size=600))
def test_random_bytes_through_the_file_loader(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "x.md"
    path.write_bytes(data)
    assert_well_formed(load_edition_file(path))
    decode_edition_bytes(data)
