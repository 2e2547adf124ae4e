"""Jump linking and whole stories across pages."""

from jiangbei_reader.core.diagnostics import Severity
from jiangbei_reader.core.model import JumpDirection
from jiangbei_reader.core.parser import parse_edition
from tests.helpers.editions import JUMP_PAIR

HEAD = "---\npaper: 江北报\ndate: 2030-01-02\n---\n\n"


def parse(text):
    result = parse_edition(text)
    assert result.edition is not None
    return result.edition, result.diagnostics


def test_jump_pair_links_both_ways():
    edition, _ = parse(JUMP_PAIR)
    start = edition.article("2030-01-02/1/kai-pian")
    continuation = edition.article("2030-01-02/3/kai-pian")
    assert start.continues_to.target_id == continuation.id
    assert start.continues_to.target_page == "3"
    assert continuation.continued_from.target_id == start.id
    assert continuation.continued_from.text == "（上接1版）"


def test_story_reads_fragments_in_order_from_any_fragment():
    edition, _ = parse(JUMP_PAIR)
    for article_id in ("2030-01-02/1/kai-pian", "2030-01-02/3/kai-pian"):
        story = edition.story(article_id)
        assert [f.id for f in story.fragments] == ["2030-01-02/1/kai-pian", "2030-01-02/3/kai-pian"]
        assert story.is_whole


def test_continuation_from_a_missing_page_is_a_note_and_keeps_its_target_page():
    edition, diagnostics = parse(JUMP_PAIR)
    orphan = next(a for a in edition.articles() if a.headline == "来自第二版的续篇")
    assert orphan.continued_from.target_id is None
    assert orphan.continued_from.target_page == "2"
    notes = [d for d in diagnostics if d.code == "jump-not-bundled"]
    assert [(d.severity, d.line) for d in notes] == [(Severity.NOTE, orphan.continued_from.line)]
    story = edition.story(orphan.id)
    assert story.missing_start_page == "2" and not story.is_whole
    assert edition.known_headlines("2") == ("来自第二版的续篇",)


def test_same_headline_links_without_explicit_ids_despite_quotes():
    text = (
        HEAD
        + "# 1\n\n## “碳”寻发展\n\n开头。（下转第三版）\n\n# 3\n\n## 碳寻发展\n\n(上接1版)结尾。\n"
    )
    edition, diagnostics = parse(text)
    start, end = list(edition.articles())
    assert start.continues_to.target_id == end.id
    assert end.continued_from.target_id == start.id
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []


def test_different_headlines_need_explicit_ids():
    text = (
        HEAD
        + "# 1\n\n## 开篇标题\n\n开头。（下转3版）\n\n# 3\n\n## 续篇另题\n\n（上接1版）结尾。\n"
    )
    _, diagnostics = parse(text)
    assert "unmatched-jump" in [d.code for d in diagnostics if d.severity is Severity.ERROR]
    linked = text.replace("## 开篇标题", "## 开篇标题 {#x}").replace(
        "## 续篇另题", "## 续篇另题 {#x}"
    )
    edition, diagnostics = parse(linked)
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []
    assert edition.article("2030-01-02/1/x").continues_to.target_id == "2030-01-02/3/x"


def test_ambiguous_continuations_are_an_error_not_a_guess():
    text = HEAD + (
        "# 1\n\n## 同题\n\n开头。（下转3版）\n\n# 3\n\n## 同题\n\n（上接1版）甲。\n\n"
        "## 同题\n\n（上接1版）乙。\n"
    )
    edition, diagnostics = parse(text)
    assert "ambiguous-jump" in [d.code for d in diagnostics]
    assert edition.article("2030-01-02/1/tong-ti").continues_to.target_id is None
    # Said once: the two continuations do have a start, so no "no other end" for them.
    assert [d.code for d in diagnostics if d.severity is Severity.ERROR] == ["ambiguous-jump"]


def test_jump_with_no_other_end_on_a_bundled_page_is_an_error_with_position():
    text = HEAD + "# 1\n\n## 题\n\n开头。（下转2版）\n\n# 2\n\n## 别的\n\n正文。\n"
    edition, diagnostics = parse(text)
    error = next(d for d in diagnostics if d.code == "jump-no-other-end")
    assert (error.severity, error.line, error.col) == (Severity.ERROR, 10, 4)
    assert "（上接1版）" in error.message
    assert edition.article("2030-01-02/1/ti").continues_to.target_page == "2"


def test_jump_to_an_undeclared_page_is_a_warning():
    _, diagnostics = parse(HEAD + "# 1\n\n## 题\n\n开头。（下转9版）\n")
    assert [(d.code, d.severity) for d in diagnostics] == [("jump-unknown-page", Severity.WARNING)]


def test_jump_to_its_own_page_is_an_error():
    _, diagnostics = parse(HEAD + "# 1\n\n## 题\n\n开头。（下转1版）\n")
    assert "jump-same-page" in [d.code for d in diagnostics]


def test_story_through_three_pages():
    text = HEAD + (
        "# 1\n\n## 长文 {#c}\n\n一。（下转2版）\n\n# 2\n\n## 长文 {#c}\n\n（上接1版）二。（下转4版）\n\n"
        "# 4\n\n## 长文 {#c}\n\n（上接2版）三。\n"
    )
    edition, diagnostics = parse(text)
    assert [d for d in diagnostics if d.severity is not Severity.NOTE] == []
    story = edition.story("2030-01-02/2/c")
    assert [f.page_id for f in story.fragments] == ["1", "2", "4"]
    middle = edition.article("2030-01-02/2/c")
    assert {j.direction for j in middle.jumps} == {JumpDirection.FROM, JumpDirection.TO}
