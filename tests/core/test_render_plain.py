"""Plain paragraphs skip Markdown: only where Markdown would give them back unchanged."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.model import Paragraph
from jiangbei_reader.core.render import escape_html, is_plain_paragraph
from jiangbei_reader.core.render_markdown import InlineMarkdown
from jiangbei_reader.core.synthetic import source_sentences
from jiangbei_reader.resources import editions_dir

ROOT = Path(__file__).resolve().parents[2]
#: Characters of newspaper text and every character Markdown treats specially.
ALPHABET = "江北报区委员会“”‘’（）《》【】、，。：；！？…—·%0123456789abcXYZ .-+=~^|/'\"" + (
    "\\`*_[]()<>&!#\t\n\r\x02\x03\u3000\u00a0"
)


def _last_json_line(script: str) -> object:
    """Run ``script`` in a fresh interpreter (nothing imported yet); its last line as JSON."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def _markdown(text: str) -> str:
    return InlineMarkdown("2030-01-02").convert(text, {})


def test_every_plain_paragraph_of_the_bundled_editions_is_what_markdown_gives() -> None:
    checked = 0
    for edition in Library([editions_dir()]).editions():
        for article in edition.articles():
            for block in article.blocks:
                if isinstance(block, Paragraph) and is_plain_paragraph(block.text):
                    assert _markdown(block.text) == block.text
                    checked += 1
    for sentence in source_sentences():
        if is_plain_paragraph(sentence):
            assert _markdown(sentence) == sentence
            checked += 1
    assert checked > 50


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40))
def test_text_called_plain_comes_out_of_markdown_unchanged(text: str) -> None:
    if is_plain_paragraph(text):
        assert _markdown(text) == text


def test_markup_escapes_entities_tags_and_jump_markers_are_not_plain() -> None:
    for text in (
        "*强调*",
        "a_b",
        "`代码`",
        "[链接](http://x)",
        "<b>",
        "&amp;",
        "\\*",
        "！[图](x)",
        "第一段。（下转3版）",
        " 前有空格",
        "两个  空格",
        "行\n尾",
        "",
    ):
        assert not is_plain_paragraph(text), text


def test_the_first_article_of_the_bundled_edition_renders_without_loading_markdown() -> None:
    script = (
        "import json, sys\n"
        "from jiangbei_reader.core.display import DisplaySettings\n"
        "from jiangbei_reader.core.library import Library\n"
        "from jiangbei_reader.core.navigation import Route, resolve_route\n"
        "from jiangbei_reader.core.render import render_article\n"
        "from jiangbei_reader.resources import editions_dir\n"
        "library = Library([editions_dir()])\n"
        "edition = library.edition(library.newest.key)\n"
        "route = resolve_route(edition, Route.edition(edition.key))\n"
        "html = render_article(edition, edition.article(route.target), DisplaySettings())\n"
        "print(json.dumps(['markdown' in sys.modules, len(html)]))\n"
    )
    loaded, length = _last_json_line(script)
    assert length > 1000
    assert loaded is False


#: Jump markers as editions print them, and text that only looks like one.
MARKERS = (
    "（下转3版）",
    "（上接1版）",
    "（下转第２版）",
    "（上接A3版）",
    "（下转二版）",
    "（转3版）",
    "下转",
)


def _writer_inline(text: str, hrefs: dict[str, list[str]]) -> str:
    from jiangbei_reader.core.display import DisplaySettings
    from jiangbei_reader.core.model import Edition
    from jiangbei_reader.core.render import _Writer

    edition = Edition(date=dt.date(2030, 1, 2), paper="江北报", number="", pages=())
    writer = _Writer(edition, DisplaySettings())
    writer.hrefs = hrefs
    return writer.inline(text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="江北报区委员会“”（），。0123456789", max_size=12),
            st.sampled_from(MARKERS),
        ),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_jump_markers_in_plain_text_are_linked_as_markdown_links_them(
    pieces: list[str], linked: bool
) -> None:
    # The fast path makes the links itself; it must give what Markdown's jump processor gives.
    text = "".join(pieces)
    hrefs = {m: ["article:2030-01-02/3/xu-wen"] for m in MARKERS} if linked else {}
    expected = InlineMarkdown("2030-01-02").convert(text, {k: list(v) for k, v in hrefs.items()})
    assert _writer_inline(text, {k: list(v) for k, v in hrefs.items()}) == expected


def test_a_story_with_a_jump_marker_renders_without_loading_markdown() -> None:
    script = (
        "import json, sys\n"
        "from jiangbei_reader.core.display import DisplaySettings\n"
        "from jiangbei_reader.core.parser import parse_edition\n"
        "from jiangbei_reader.core.render import render_article\n"
        "text = ('---\\npaper: 江北报\\ndate: 2030-01-02\\nnote: 合成（synthetic）\\n---\\n\\n'\n"
        "        '# 第1版 要闻\\n\\n## 头条\\n\\n开头的话。（下转2版）\\n\\n'\n"
        "        '# 第2版 综合\\n\\n## 头条\\n\\n（上接1版）后面的话。\\n')\n"
        "edition = parse_edition(text, None).edition\n"
        "html = render_article(edition, next(edition.articles()), DisplaySettings())\n"
        "print(json.dumps(['markdown' in sys.modules, 'class=\"jump\"' in html]))\n"
    )
    assert _last_json_line(script) == [False, True]


@given(st.text(alphabet=ALPHABET + "\"'&amp;lt;"))
def test_the_renderers_escape_is_the_standard_librarys(text: str) -> None:
    import html

    assert escape_html(text) == html.escape(text)
