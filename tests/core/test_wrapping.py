"""Joining wrapped lines: the space rule looks at the two characters around the break."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from jiangbei_reader.core.wrapping import join_wrapped_lines, needs_space

# The rule as it was written first, with regular expressions over the whole text.
_END = re.compile(r"[A-Za-z0-9%.,;:!?)\]'\"]$")
_START = re.compile(r"^[A-Za-z0-9(\['\"]")
_NUMBER_END = re.compile(r"[0-9][.,]?$")


def _needs_space_reference(before: str, after: str) -> bool:
    if not (before and after and _END.search(before) and _START.match(after)):
        return False
    return not (_NUMBER_END.search(before) and after[0].isdigit())


# No "\n": lines never hold one (and "$" would also match before it).
PIECES = st.text(
    alphabet=st.sampled_from(list("aZ09%.,;:!?)]([\"' 亿元江北４５\u3000")), max_size=6
)


@given(PIECES, PIECES)
def test_the_space_rule_is_the_regular_expressions_rule(before, after):
    assert needs_space(before, after) == _needs_space_reference(before, after)


def test_words_keep_a_space_and_numbers_and_chinese_join():
    assert join_wrapped_lines(["LED", "lights"]) == "LED lights"
    assert join_wrapped_lines(["投资4.", "6亿元"]) == "投资4.6亿元"
    assert join_wrapped_lines(["5", "0余家"]) == "50余家"
    assert join_wrapped_lines(["江北", "嘴"]) == "江北嘴"
