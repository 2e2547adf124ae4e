"""A Pygments lexer for edition files: headings, fields, jump markers, figures, comments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, cast

from pygments.lexer import RegexLexer
from pygments.lexer import bygroups as _untyped_bygroups
from pygments.token import (
    Comment,
    Generic,
    Keyword,
    Name,
    Punctuation,
    String,
    Text,
    Whitespace,
)

from jiangbei_reader.core.markers import JUMP_PATTERN

# Pygments ships no annotation for bygroups; give it one here rather than exempt the module.
bygroups = cast(Callable[..., Any], _untyped_bygroups)

#: Token types the proofing view and `check` colour; named for what they mean here.
PAGE_HEADING = Generic.Heading
HEADLINE = Generic.Subheading
SUBHEAD = Generic.Strong
FIELD_NAME = Name.Attribute
FIELD_VALUE = String
ARTICLE_ID = Name.Label
JUMP_MARKER = Name.Tag
MISSING_PAGE = Keyword
FIGURE = String.Other
COMMENT = Comment.Multiline
REVIEW_COMMENT = Comment.Special

_FIELD = r"(引题|副题|作者|摄影|类型|来源|[^\s:：#!<]{1,6})(\s*[:：]\s*)(.*\n?)"
_Rules = list[tuple[str, object] | tuple[str, object, str]]


class EditionLexer(RegexLexer):
    """Lexer for 江北报 edition files (docs/edition-format.md)."""

    name = "Jiangbei edition"
    aliases: ClassVar[list[str]] = ["jiangbei-edition", "edition"]
    filenames: ClassVar[list[str]] = []  # *.md is Markdown everywhere else
    mimetypes: ClassVar[list[str]] = ["text/x-jiangbei-edition"]

    _body: ClassVar[_Rules] = [
        (r"<!--\s*待核[\s\S]*?-->", REVIEW_COMMENT),
        (r"<!--[\s\S]*?-->", COMMENT),
        (JUMP_PATTERN, JUMP_MARKER),
        (r"[^（(<\n]+", Text),
        (r"[（(<]", Text),
        (r"\n", Whitespace),
    ]
    tokens: ClassVar[dict[str, _Rules]] = {
        "root": [
            (r"\A(\s*)(---)(\n)", bygroups(Whitespace, Punctuation, Whitespace), "front"),
            (r"^(#)( +)(.*\n?)", bygroups(Punctuation, Whitespace, PAGE_HEADING)),
            (
                r"^(##)( +)(.*?)(\{#[^}\n]*\})?([ \t]*(?:\n|\Z))",
                bygroups(Punctuation, Whitespace, HEADLINE, ARTICLE_ID, Whitespace),
                "fields",
            ),
            (r"^(###)( +)(.*\n?)", bygroups(Punctuation, Whitespace, SUBHEAD)),
            (r"^未收录[ \t]*\n?", MISSING_PAGE),
            (r"^!\[[^\]\n]*\]\([^)\n]*\)[ \t]*\n?", FIGURE),
            *_body,
        ],
        "front": [
            (r"^(---)(\n?)", bygroups(Punctuation, Whitespace), "#pop"),
            (r"^([^:：\n]+)(\s*[:：]\s*)(.*\n?)", bygroups(Name.Variable, Punctuation, String)),
            # Never a rule that can match nothing here: at the end of the text Pygments
            # would apply it for ever (an unclosed front matter hung `check`).
            (r".+\n?|\n", Text),
        ],
        "fields": [
            (r"^[ \t]*\n", Whitespace, "#pop"),
            (r"^(?=#|!\[|<!--)", Text, "#pop"),
            (rf"^{_FIELD}", bygroups(FIELD_NAME, Punctuation, FIELD_VALUE)),
            (r"", Text, "#pop"),
        ],
    }
