"""What the search index gives back: hits, result lists, suggestions, update reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jiangbei_reader.core.search.normalize import normalize_parts
from jiangbei_reader.core.search.query import Query

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: a story, shown by its best-matching fragment."""

    article_id: str
    #: The edition's id (its date in ISO form) and date.
    edition: str
    date: dt.date
    page_id: str
    headline: str
    #: A short piece of the article around the first hit; ``…`` marks a cut.
    snippet: str
    #: (start, end) of each hit inside ``snippet``.
    snippet_spans: tuple[Span, ...]
    #: BM25 (headline weighted); larger is better.
    score: float
    #: Id of the story's first fragment: fragments of one story are one hit.
    story_id: str
    #: Every matching fragment of the story, this one first.
    fragment_ids: tuple[str, ...] = ()
    #: The parts of the article's plain text, and the query, for ``spans``.
    text_parts: tuple[str, ...] = field(default=(), repr=False, compare=False)
    query: Query | None = field(default=None, repr=False, compare=False)

    @property
    def spans(self) -> tuple[Span, ...]:
        """(start, end) of each hit inside ``Article.plain_text()`` of ``article_id``.

        Computed when asked (the reader pane asks for the article it opens).
        """
        if self.query is None:
            return ()
        return tuple(self.query.spans(normalize_parts(self.text_parts, "\n")))

    def marked_snippet(self, before: str = "【", after: str = "】") -> str:
        """The snippet with each hit wrapped in markers (for a terminal)."""
        out, last = [], 0
        for start, end in self.snippet_spans:
            out += [self.snippet[last:start], before, self.snippet[start:end], after]
            last = end
        out.append(self.snippet[last:])
        return "".join(out)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A word or headline of the archive that matches what was typed (pinyin or text prefix)."""

    text: str
    #: Full pinyin, syllables separated by spaces (``jiang bei qu``).
    pinyin: str
    #: ``word``, ``name`` or ``headline``.
    kind: str
    #: How often the word occurs in the archive (headlines: 1 per edition).
    weight: int


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Ranked hits for a query, with what the user should be told."""

    query: Query
    hits: tuple[SearchHit, ...]
    #: Matching articles (fragments) found; when not ``exact_total``, there may be more
    #: (only the newest were read).
    total: int = 0
    exact_total: bool = True
    #: Chinese notices: cut-off query, pinyin used, ranking window, index state.
    notices: tuple[str, ...] = ()
    #: When nothing was found: pinyin / 繁體 alternatives the user may mean.
    alternatives: tuple[Suggestion, ...] = ()
    #: When pinyin was used for a term that found nothing as typed: the words searched.
    pinyin_words: tuple[str, ...] = ()
    #: The index failed while searching: the next ``update()`` rebuilds it; search again then.
    damaged: bool = False


@dataclass(slots=True)
class UpdateReport:
    """What an index update did."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    articles: int = 0
    #: UTF-8 bytes of article text indexed in this update.
    text_bytes: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    #: True when the index was empty: first build, or rebuilt after damage or a new schema.
    rebuilt: bool = False
    #: Problems met (unreadable editions, more articles than an edition can hold).
    problems: list[str] = field(default_factory=list)

    @property
    def megabytes_per_second(self) -> float:
        """Indexing throughput in MB of text per second."""
        return self.text_bytes / 1e6 / self.seconds if self.seconds > 0 else 0.0
