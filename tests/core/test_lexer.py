from hypothesis import given, settings
from hypothesis import strategies as st
from pygments.token import Token

from jiangbei_reader.core.lexer import (
    ARTICLE_ID,
    FIELD_NAME,
    FIELD_VALUE,
    FIGURE,
    HEADLINE,
    JUMP_MARKER,
    MISSING_PAGE,
    PAGE_HEADING,
    REVIEW_COMMENT,
    SUBHEAD,
    EditionLexer,
)
from tests.helpers.editions import JUMP_PAIR


def tokens_of(text):
    return [(t, v) for t, v in EditionLexer().get_tokens(text) if v.strip()]


def kinds(text, kind):
    return [v.strip() for t, v in tokens_of(text) if t in kind]


def test_edition_parts_get_their_own_tokens():
    assert kinds(JUMP_PAIR, PAGE_HEADING) == ["第1版 要闻", "第2版 综合", "第3版 经济"]
    assert "测试新闻开篇" in kinds(JUMP_PAIR, HEADLINE)
    assert kinds(JUMP_PAIR, ARTICLE_ID) == ["{#kai-pian}", "{#kai-pian}"]
    assert kinds(JUMP_PAIR, FIELD_NAME) == ["引题", "副题", "作者", "类型"]
    assert "合成副题" in kinds(JUMP_PAIR, FIELD_VALUE)
    assert kinds(JUMP_PAIR, JUMP_MARKER) == ["（下转3版）", "（上接1版）", "（上接2版）"]
    assert kinds(JUMP_PAIR, SUBHEAD) == ["续文小标题"]
    assert kinds(JUMP_PAIR, MISSING_PAGE) == ["未收录"]
    assert kinds(JUMP_PAIR, FIGURE) == ["![合成图片说明。测试摄]()"]


def test_review_comments_stand_out_from_plain_comments():
    text = "## 题\n\n<!-- 待核：副题 -->\n<!-- 普通 -->\n"
    assert kinds(text, REVIEW_COMMENT) == ["<!-- 待核：副题 -->"]
    assert kinds(text, Token.Comment.Multiline) == ["<!-- 普通 -->"]


def test_lexer_round_trips_any_text():
    text = JUMP_PAIR + "\n<<>>（（（下转\n## \n#"
    assert "".join(v for _, v in EditionLexer().get_tokens(text)) == text + "\n"


def _lex_within(text, seconds=5):
    """Tokens of ``text``; a lexer rule that matches nothing would loop for ever: fail instead."""
    import signal

    def stuck(_signum, _frame):
        raise AssertionError(f"the lexer does not finish on {text!r}")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(seconds)
    try:
        # As the proofing view lexes: every line kept, so that line numbers hold.
        return "".join(v for _, v in EditionLexer(stripnl=False).get_tokens(text))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_lexer_finishes_in_an_unclosed_front_matter():
    for text in ("---\n", "---\npaper: 江北报\n", "---\ndate 2030\n\n", "---\n\n\n"):
        assert _lex_within(text) == text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "---",
                "paper: 江北报",
                "date：2030-01-02",
                "# 第1版",
                "## 标题 {#id}",
                "### 小",
                "引题：x",
                "未收录",
                "![图]()",
                "<!-- 待核：x",
                "-->",
                "（下转3版）",
                "#",
                "",
                "正文。",
            ]
        )
        | st.text(max_size=20),
    ).map("\n".join)
)
def test_lexer_finishes_and_round_trips_any_text(text):
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    assert _lex_within(text) == (normalised if normalised.endswith("\n") else normalised + "\n")
