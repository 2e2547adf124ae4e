"""Python-Markdown for the inline text of paragraphs, set up safe (see :mod:`core.render`).

Kept apart so that the renderer loads Markdown only for the first paragraph that
has markup or a jump marker: plain paragraphs, most of a Chinese newspaper, do
not need it.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from jiangbei_reader.core.markers import JUMP_PATTERN
from jiangbei_reader.core.navigation import is_external_link

#: render.py's rules and jump links: one of each, shared with it.
from jiangbei_reader.core.render import (
    _BLOCK_PROCESSORS_DROPPED,
    _INLINE_TAGS,
    _INTERNAL_SCHEMES,
    marker_href,
)


class _JumpProcessor(InlineProcessor):
    """Turns printed jump markers into links, using the jumps the loader linked."""

    def __init__(self) -> None:
        super().__init__(JUMP_PATTERN)
        self.edition_key = ""
        self.hrefs: dict[str, list[str]] = {}

    def handleMatch(  # type: ignore[override]  # (markdown's stubs allow None returns)
        self, m: re.Match[str], data: str
    ) -> tuple[ElementTree.Element, int, int]:
        href = marker_href(self.hrefs, self.edition_key, m)
        element = ElementTree.Element("a", {"href": href, "class": "jump"})
        element.text = m.group(0)
        return element, m.start(0), m.end(0)


class _Sanitiser(Treeprocessor):
    """Keeps only inline markup and safe links; pictures in running text become their alt text."""

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if element is root or element.tag == "p":
                continue
            if element.tag == "img":
                alt = element.get("alt", "")
                element.attrib.clear()
                element.tag = "span"
                element.text = alt
                continue
            if element.tag not in _INLINE_TAGS:
                element.tag = "span"
            href = element.get("href", "") if element.tag == "a" else ""
            kept = {k: v for k, v in element.attrib.items() if k == "class" and v == "jump"}
            element.attrib.clear()
            if element.tag != "a":
                continue
            scheme = href.partition(":")[0].lower()
            if scheme in _INTERNAL_SCHEMES:
                element.attrib.update({"href": href, **kept})
            elif is_external_link(href):
                element.attrib.update({"href": href, "class": "external", "title": href})
            else:
                # javascript:, file:, data:, relative paths …: keep the words, drop the link.
                element.tag = "span"


def _inline_markdown() -> tuple[markdown.Markdown, _JumpProcessor]:
    """A Markdown converter for one paragraph of inline text, with raw HTML escaped."""
    md = markdown.Markdown(output_format="html")
    for name in _BLOCK_PROCESSORS_DROPPED:
        md.parser.blockprocessors.deregister(name, strict=False)
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    jumps = _JumpProcessor()
    md.inlinePatterns.register(jumps, "jump", 175)
    md.treeprocessors.register(_Sanitiser(md), "sanitise", 5)
    return md, jumps


class InlineMarkdown:
    """Converts one paragraph's inline text to HTML, turning jump markers into links."""

    def __init__(self, edition_key: str) -> None:
        self.md, self.jumps = _inline_markdown()
        self.jumps.edition_key = edition_key

    def convert(self, text: str, hrefs: dict[str, list[str]]) -> str:
        """HTML of ``text`` without the paragraph tags; ``hrefs`` gives each marker its link."""
        self.jumps.hrefs = hrefs
        self.md.reset()
        result = self.md.convert(text)
        if result.startswith("<p>") and result.endswith("</p>"):
            result = result[3:-4]
        return result.replace("</p>\n<p>", "<br />")
