"""The kiosk's home view: which edition and page a reset shows, found in the library."""

from __future__ import annotations

from dataclasses import dataclass

from jiangbei_reader.core.kiosk.config import KioskConfig
from jiangbei_reader.core.kiosk.schema import HOME_FIRST, HOME_NEWEST
from jiangbei_reader.core.library import Library


@dataclass(frozen=True, slots=True)
class HomeTarget:
    """The edition key and page id to show, and why it differs from the config, if it does."""

    edition_key: str
    page_id: str
    note: str = ""


def resolve_home(config: KioskConfig, library: Library) -> HomeTarget | None:
    """The home page to show, or None when the library has no edition.

    A configured edition or page that is gone falls back to the newest edition
    and its first page, with a note saying so.
    """
    notes = []
    ref = None
    if config.home_edition != HOME_NEWEST:
        ref = library.ref(config.home_edition)
        if ref is None:
            notes.append(f"edition {config.home_edition} is not in the library; showing the newest")
    if ref is None:
        ref = library.newest
    if ref is None:
        return None
    edition = library.edition(ref.key)
    if edition is None or not edition.pages:
        return None
    # "First page" is the first bundled one: a 未收录 page has nothing to show.
    page = next((p for p in edition.pages if not p.missing), edition.pages[0])
    if config.home_page != HOME_FIRST:
        chosen = edition.page(config.home_page)
        if chosen is None:
            notes.append(f"edition {ref.key} has no page {config.home_page}; showing the first")
        else:
            page = chosen
    return HomeTarget(ref.key, page.id, "; ".join(notes))
