"""Which body each headline, 副题/引题, caption and ad line belongs to."""

from __future__ import annotations

from collections.abc import Sequence

from jiangbei_reader.core.importer.similarity import containment, grams
from jiangbei_reader.core.importer.structure import (
    Article,
    Item,
    Kind,
    Layout,
    Section,
    TitleRun,
)

#: A title half of whose word pairs occur in a body is about that body …
_STRONG = 0.5
#: … when that is clearly more than for any other body on the page.
_MARGIN = 0.2
#: For captions, which describe a picture rather than sum up a story, less is enough.
_CAPTION_STRONG = 0.3
#: Articles either side of a title run that may own its titles.
_WINDOW = 8
#: 引题, 主题 and 副题.
_MAX_TITLES = 3
#: To split one body in two by its headlines, each headline must be about its own part …
_SPLIT_OWN = 0.15
#: … and prefer it to the other part by this much.
_SPLIT_MARGIN = 0.1


def _candidates(layout: Layout, anchor: Article | None) -> list[Article]:
    if anchor is None or anchor not in layout.articles:
        return layout.articles[:_WINDOW]
    index = layout.articles.index(anchor)
    return layout.articles[max(0, index - _WINDOW) : index + _WINDOW + 1]


def best_match(text: str, candidates: Sequence[Article], strong: float = _STRONG) -> Article | None:
    """The one article a title (or caption) is clearly about, or None."""
    mine = grams(text)
    if len(mine) < 2 or not candidates:
        return None
    scored = sorted(
        ((containment(mine, a.grams()), a.order, a) for a in candidates),
        key=lambda t: (-t[0], t[1]),
    )
    best = scored[0][0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    return scored[0][2] if best >= strong and best - second >= _MARGIN else None


def _make_ad(layout: Layout, run: TitleRun, titles: list[Item]) -> None:
    labels = [item.text for item in run.ad_items if item.kind is Kind.AD_LABEL]
    ad = Article(order=-1, kind="公益广告" if any("公益" in t for t in labels) else "广告")
    body = titles[1:] + run.ad_items
    if titles:
        ad.titles.append(titles[0])
    elif body:
        ad.titles.append(body.pop(0))
    ad.sections = [Section(None, body)]
    ad.closed = True
    ad.notes.append(f"{ad.kind}：标题与条目顺序为推断，请对照版面核对")
    layout.articles.append(ad)


def _untitled_streak(layout: Layout, last: Article | None) -> list[Article]:
    """The articles without titles that end with ``last``, in reading order."""
    if last is None or last not in layout.articles:
        return []
    streak: list[Article] = []
    for article in reversed(layout.articles[: layout.articles.index(last) + 1]):
        if article.titles or article.kind != "新闻":
            break
        streak.insert(0, article)
    return streak


def _share_in_order(articles: list[Article], titles: list[Item]) -> None:
    """Stories printed one after the other, then all their titles: share them out in order."""
    size, extra = divmod(len(titles), len(articles))
    start = 0
    for index, article in enumerate(articles):
        end = start + size + (1 if index < extra else 0)
        article.titles.extend(titles[start:end])
        article.notes.append("几篇正文之后才印出各自的标题，标题按顺序分配，请核对")
        start = end


def _assign_run(layout: Layout, run: TitleRun) -> None:
    after = run.after
    candidates = _candidates(layout, after if after is not None else run.before)
    targets = [best_match(t.text, candidates) for t in run.titles]
    # Headlines printed before their body: the article before already has its titles.
    forward = after is None or (bool(after.titles) and all(t is not after for t in targets))
    home = run.before if forward else after
    ad = bool(run.ad_items)
    if not forward and not ad and all(t is None for t in targets):
        streak = _untitled_streak(layout, after)
        if 1 < len(streak) <= len(run.titles):
            _share_in_order(streak, run.titles)
            return
    for_ad: list[Item] = []
    leftovers: list[Item] = []
    for title, target in zip(run.titles, targets, strict=True):
        if target is not None and target is not home:
            target.titles.append(title)
            target.moved_titles.append(title)
            target.notes.append(f"标题「{title.text}」印在别处，按内容归入本文")
        elif (
            home is not None
            and len(home.titles) < _MAX_TITLES
            and (not ad or not home.titles or target is home)
        ):
            home.titles.append(title)
        elif ad:
            for_ad.append(title)
        else:
            leftovers.append(title)
    if ad:
        _make_ad(layout, run, for_ad)
    if leftovers:
        owner = home or after or run.before
        if owner is None:
            owner = Article(order=-1)
            layout.articles.append(owner)
        owner.extras.extend(leftovers)
        owner.notes.append(
            "多出的标题行（" + "、".join(t.text for t in leftovers) + "）归属不明，暂作正文"
        )


def _split_score(titles: list[Item], head: list[Section], tail: list[Section], cut: int) -> float:
    """How clearly titles[:cut] are about ``head`` and titles[cut:] about ``tail``."""
    a = grams("\n".join(i.text for s in head for i in s.items))
    b = grams("\n".join(i.text for s in tail for i in s.items))
    worst = 1.0
    for group, own, other in ((titles[:cut], a, b), (titles[cut:], b, a)):
        main = max(group, key=lambda t: len(t.text))
        g = grams(main.text)
        if containment(g, own) < _SPLIT_OWN:
            return 0.0
        worst = min(worst, containment(g, own) - containment(g, other))
    return worst


def _split_by_titles(layout: Layout, article: Article) -> Article | None:
    """Split a body that carries the headlines of two stories printed one after the other."""
    if len(article.titles) < 2 or len(article.sections) < 2:
        return None
    titles = sorted(article.titles, key=lambda t: t.order)
    best: tuple[float, int, int, bool] | None = None
    for at in range(1, len(article.sections)):
        head, tail = article.sections[:at], article.sections[at:]
        for cut in range(1, len(titles)):
            for swap in (False, True):
                ordered = titles[cut:] + titles[:cut] if swap else titles
                cut_at = len(titles) - cut if swap else cut
                score = _split_score(ordered, head, tail, cut_at)
                if best is None or score > best[0]:
                    best = (score, at, cut_at, swap)
    if best is None or best[0] < _SPLIT_MARGIN:
        return None
    _, at, cut, swap = best
    ordered = titles[len(titles) - cut :] + titles[: len(titles) - cut] if swap else titles
    second = Article(order=-1, sections=article.sections[at:], titles=ordered[cut:])
    article.sections = article.sections[:at]
    article.titles = ordered[:cut]
    second.moved_titles = [t for t in article.moved_titles if t in second.titles]
    article.moved_titles = [t for t in article.moved_titles if t in article.titles]
    article.forget()
    second.closed = True
    article.continued_in = second
    second.notes.append("本文与上一篇原文相连，按两条标题的内容拆开，请核对分界")
    layout.articles.append(second)
    return second


def _place_floaters(layout: Layout) -> None:
    for item, open_article in layout.floaters:
        # A body split in two by its headlines: what followed it follows the second part.
        while open_article is not None and open_article.continued_in is not None:
            open_article = open_article.continued_in
        owner = open_article
        if item.kind is Kind.CAPTION:
            match = best_match(item.text, _candidates(layout, open_article), strong=_CAPTION_STRONG)
            if match is not None:
                owner = match
        if owner is None:
            owner = layout.articles[0] if layout.articles else Article(order=-1)
            if owner not in layout.articles:
                layout.articles.append(owner)
        if item.kind is Kind.CAPTION:
            owner.figures.append(item)
        else:
            owner.extras.append(item)
            owner.notes.append(f"二维码说明「{item.text}」：原为二维码旁的文字，可删除")


def _renumber(layout: Layout) -> None:
    layout.articles.sort(key=lambda a: (a.first_line or _title_line(a), a.order))
    for order, article in enumerate(layout.articles):
        article.order = order


def _title_line(article: Article) -> int:
    return min((t.block.line for t in article.titles), default=0)


def _lend_titles(layout: Layout) -> None:
    """An article left without a title takes the last of a later article's several titles.

    That is where a banner headline over several columns lands in the extraction, after
    the titles of the column's last story; nothing in the words said otherwise.
    """
    for article in layout.articles:
        if article.titles or article.kind != "新闻":
            continue
        for run in layout.runs:
            home = run.after
            if (
                home is None
                or home is article
                or home.order < article.order
                or len(home.titles) < 2
                or home.moved_titles
            ):
                continue
            last = max(home.titles, key=lambda t: t.order)
            if not run.titles or last is not run.titles[-1]:
                continue
            home.titles.remove(last)
            article.titles.append(last)
            article.moved_titles.append(last)
            article.notes.append(f"标题「{last.text}」按版面位置推断为本文标题")
            break


def assign(layout: Layout) -> None:
    """Give every title, caption, QR blurb and ad line of a page an article."""
    for run in layout.runs:
        _assign_run(layout, run)
    _lend_titles(layout)
    for article in list(layout.articles):
        while (second := _split_by_titles(layout, article)) is not None:
            article = second
    _renumber(layout)
    _place_floaters(layout)
    _renumber(layout)
