"""The proofing view's core: reading a file, highlighted source, article at a line."""

from __future__ import annotations

import re
from pathlib import Path

from jiangbei_reader.core.diagnostics import Severity
from jiangbei_reader.core.lexer import HEADLINE
from jiangbei_reader.core.proofing import (
    LINE_NUMBER_COLOUR,
    EditionSourceStyle,
    diagnostic_text,
    load_proof,
    problem_lines,
    source_html,
)
from jiangbei_reader.resources import editions_dir
from tests.helpers.editions import JUMP_PAIR, write_edition

BUNDLED = editions_dir() / "2023-07-13.md"


def _line_of(text: str, prefix: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(prefix))


def test_bundled_edition_reads_without_errors_and_keeps_its_text() -> None:
    proof = load_proof(BUNDLED)
    assert proof.text == BUNDLED.read_text(encoding="utf-8")
    assert proof.edition is not None
    assert proof.count(Severity.ERROR) == 0


def test_source_html_has_one_anchor_per_line_and_colours_headlines(tmp_path: Path) -> None:
    path = write_edition(tmp_path, JUMP_PAIR)
    text = path.read_text(encoding="utf-8")
    html = source_html(text)
    anchors = [int(n) for n in re.findall(r'name="line-(\d+)"', html)]
    assert anchors == list(range(1, len(text.splitlines()) + 1))
    colour = EditionSourceStyle.styles[HEADLINE].split()[-1].upper()
    assert re.search(rf'<span style="[^"]*color: {colour}[^"]*">测试新闻开篇', html)
    assert '<pre style="white-space: pre-wrap;' in html  # a paragraph line wraps in the view
    assert html.count(f'<span style="color: {LINE_NUMBER_COLOUR}">') == len(anchors)
    assert re.search(r'<span style="color: #6f6f6f"> *1 </span>', html)
    jump = re.search(r'<span style="([^"]*)">（下转3版）</span>', html)
    assert jump is not None and "font-weight: bold" in jump.group(1)


def test_marked_lines_get_a_background_and_review_comments_stand_out(tmp_path: Path) -> None:
    text = JUMP_PAIR.replace("只有一段的短讯。", "只有一段的短讯。<!-- 待核：标题是否正确 -->")
    path = write_edition(tmp_path, text)
    proof = load_proof(path)
    review = [d for d in proof.diagnostics if d.code == "review"]
    assert review and review[0].severity is Severity.WARNING
    lines = problem_lines(proof.diagnostics)
    assert review[0].line in lines
    html = source_html(text, lines)
    marked = re.findall(r'<span style="background-color: #ffe9a8">', html)
    assert len(marked) == len(lines)
    assert re.search(r'background-color: #fff3cd[^"]*">&lt;!-- 待核', html, re.IGNORECASE)


def test_notes_do_not_mark_a_line() -> None:
    proof = load_proof(BUNDLED)
    notes = [d for d in proof.diagnostics if d.severity is Severity.NOTE]
    assert notes  # the 上接1版 markers to the 未收录 page 1
    assert problem_lines(notes) == []


def test_article_at_a_line_is_the_article_whose_source_holds_it(tmp_path: Path) -> None:
    path = write_edition(tmp_path, JUMP_PAIR)
    text = path.read_text(encoding="utf-8")
    proof = load_proof(path)
    heading = _line_of(text, "## 第一版短讯")
    article = proof.article_at(heading)
    assert article is not None and article.headline == "第一版短讯"
    assert proof.article_at(heading + 3) == article
    opening = proof.article_at(_line_of(text, "第二段继续"))
    assert opening is not None and opening.id == "2030-01-02/1/kai-pian"
    # The front matter and a page heading before its first article belong to no article.
    assert proof.article_at(2) is None
    assert proof.article_at(_line_of(text, "# 第3版")) is None
    continuation = proof.article_at(_line_of(text, "（上接1版）"))
    assert continuation is not None and continuation.page_id == "3"


def test_unreadable_missing_and_binary_files_are_proofs_with_errors(tmp_path: Path) -> None:
    missing = load_proof(tmp_path / "nothing.md")
    assert missing.text is None and missing.edition is None
    assert missing.count(Severity.ERROR) == 1
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    proof = load_proof(binary)
    assert proof.text is None and proof.edition is None
    assert "not a text file" in proof.diagnostics[0].message
    broken = tmp_path / "broken.md"
    broken.write_text("# 第1版\n\n## 没有日期的文章\n\n正文。\n", encoding="utf-8")
    proof = load_proof(broken)
    assert proof.text is not None and proof.count(Severity.ERROR) >= 1
    assert proof.article_at(3) is None or proof.edition is not None


def test_diagnostic_text_names_line_and_severity(tmp_path: Path) -> None:
    path = write_edition(tmp_path, JUMP_PAIR.replace("类型：简讯", "栏目：简讯"))
    proof = load_proof(path)
    unknown = next(d for d in proof.diagnostics if "栏目" in d.message)
    shown = diagnostic_text(unknown)
    assert shown.startswith(f"{unknown.line}:{unknown.col}")
    assert {"错误", "警告"} & set(shown.split())
