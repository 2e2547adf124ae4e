"""Colour themes as data: 日间 (light), 夜间 (dark) and 长辈版 high contrast, with their rules.

Every role the UI paints is a field; the UI maps roles to a QPalette (see
``PALETTE_ROLES``) and to style-sheet colours, and never invents a colour of its
own, so the contrast test over these themes covers what the reader shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    # The rules are checked by tests and tools, not at start-up: the contrast module
    # (its dataclasses cost about 2 ms to create) is imported where they are made.
    from jiangbei_reader.core.contrast import ContrastFailure, ContrastRule

#: WCAG 2.2 1.4.11: borders and focus indicators of controls need 3:1; 长辈版 asks 4.5:1.
NON_TEXT_RATIO = 3.0


class Theme(NamedTuple):
    """A named set of colours (``#rrggbb``), one per role the UI paints."""

    name: str
    #: The name shown to the reader.
    label: str
    dark: bool
    #: True for the 长辈版 theme: every text role is held to 7:1, not only the body.
    elder: bool
    #: Window, tree, toolbar and status bar background.
    window: str
    #: Labels and tree text on ``window``.
    window_text: str
    #: The article pane and other text fields.
    base: str
    #: Alternate rows in lists and trees.
    alternate_base: str
    #: Article body text on ``base``.
    body_text: str
    #: Bylines, captions, dates, result snippets: on ``base`` and on ``window``.
    secondary_text: str
    headline: str
    #: 引题 above the headline.
    kicker: str
    #: 副题 below the headline.
    subtitle: str
    link: str
    #: Jump markers such as （下转3版）, shown as links.
    jump_marker: str
    selection_bg: str
    selection_text: str
    button_bg: str
    #: Text and icons on buttons (also on ``window`` for flat tool buttons).
    button_text: str
    button_border: str
    #: A pressed toggle such as 「长辈版」 when on.
    button_checked_bg: str
    button_checked_text: str
    #: Disabled text on ``window`` and ``button_bg``.
    disabled_text: str
    #: The sentence being read aloud.
    read_aloud_bg: str
    read_aloud_text: str
    search_hit_bg: str
    search_hit_text: str
    tooltip_bg: str
    tooltip_text: str
    focus_ring: str
    #: Placeholder text in the search box, on ``base``.
    placeholder_text: str

    def colors(self) -> dict[str, str]:
        """Role name → colour, for every colour role."""
        roles = self._asdict()
        for name in ("name", "label", "dark", "elder"):
            del roles[name]
        return roles


LIGHT = Theme(
    name="light",
    label="日间",
    dark=False,
    elder=False,
    window="#f3f1ec",
    window_text="#1f1f1f",
    base="#ffffff",
    alternate_base="#f6f5f1",
    body_text="#1a1a1a",
    secondary_text="#4d4d4d",
    headline="#111111",
    kicker="#8a1c1c",
    subtitle="#333333",
    link="#0b4f9c",
    jump_marker="#0b4f9c",
    selection_bg="#174ea6",
    selection_text="#ffffff",
    button_bg="#ffffff",
    button_text="#1a1a1a",
    button_border="#6b6b6b",
    button_checked_bg="#174ea6",
    button_checked_text="#ffffff",
    disabled_text="#666666",
    read_aloud_bg="#fff1a8",
    read_aloud_text="#1a1a1a",
    search_hit_bg="#ffd27a",
    search_hit_text="#1a1a1a",
    tooltip_bg="#2b2b2b",
    tooltip_text="#ffffff",
    focus_ring="#1a5fb4",
    placeholder_text="#666666",
)

DARK = Theme(
    name="dark",
    label="夜间",
    dark=True,
    elder=False,
    window="#1e1f22",
    window_text="#e6e6e6",
    base="#121212",
    alternate_base="#1b1b1b",
    body_text="#e8e6e3",
    secondary_text="#b8b8b8",
    headline="#f5f5f5",
    kicker="#ff9e8a",
    subtitle="#d0d0d0",
    link="#8ab4f8",
    jump_marker="#8ab4f8",
    selection_bg="#8ab4f8",
    selection_text="#0b0b0b",
    button_bg="#2b2d31",
    button_text="#e8e8e8",
    button_border="#8a8a8a",
    button_checked_bg="#8ab4f8",
    button_checked_text="#0b0b0b",
    disabled_text="#9a9a9a",
    read_aloud_bg="#5c4b00",
    read_aloud_text="#ffffff",
    search_hit_bg="#7a4a00",
    search_hit_text="#ffffff",
    tooltip_bg="#f0f0f0",
    tooltip_text="#111111",
    focus_ring="#8ab4f8",
    placeholder_text="#a0a0a0",
)

ELDER = Theme(
    name="elder",
    label="长辈版高对比",
    dark=False,
    elder=True,
    window="#f2f0ea",
    window_text="#000000",
    base="#ffffff",
    alternate_base="#f7f6f2",
    body_text="#000000",
    secondary_text="#222222",
    headline="#000000",
    kicker="#7a0000",
    subtitle="#1a1a1a",
    link="#003d99",
    jump_marker="#003d99",
    selection_bg="#003d99",
    selection_text="#ffffff",
    button_bg="#ffffff",
    button_text="#000000",
    button_border="#000000",
    button_checked_bg="#003d99",
    button_checked_text="#ffffff",
    disabled_text="#595959",
    read_aloud_bg="#ffe14d",
    read_aloud_text="#000000",
    search_hit_bg="#ffa94d",
    search_hit_text="#000000",
    tooltip_bg="#000000",
    tooltip_text="#ffffff",
    focus_ring="#0050c8",
    placeholder_text="#3d3d3d",
)

#: Themes by name; ``light`` is the default.
THEMES: dict[str, Theme] = {t.name: t for t in (LIGHT, DARK, ELDER)}
DEFAULT_THEME = "light"

#: QPalette colour role names (``QPalette.ColorRole.<name>``) → theme role, for the UI.
PALETTE_ROLES: dict[str, str] = {
    "Window": "window",
    "WindowText": "window_text",
    "Base": "base",
    "AlternateBase": "alternate_base",
    "Text": "body_text",
    "PlaceholderText": "placeholder_text",
    "Button": "button_bg",
    "ButtonText": "button_text",
    "Highlight": "selection_bg",
    "HighlightedText": "selection_text",
    "Link": "link",
    "LinkVisited": "link",
    "ToolTipBase": "tooltip_bg",
    "ToolTipText": "tooltip_text",
    "Accent": "focus_ring",
}

# (foreground, background, what): body text, held to 7:1 in every theme.
_BODY_PAIRS = (
    ("body_text", "base", "正文"),
    ("body_text", "alternate_base", "正文（隔行底色）"),
    ("read_aloud_text", "read_aloud_bg", "朗读中的句子"),
    ("search_hit_text", "search_hit_bg", "检索命中"),
)
# Other text and icons: 4.5:1, and 7:1 in 长辈版 (no light grey secondary text there).
_TEXT_PAIRS = (
    ("window_text", "window", "窗口文字"),
    ("window_text", "alternate_base", "目录隔行文字"),
    ("secondary_text", "base", "次要文字"),
    ("secondary_text", "window", "状态栏与说明文字"),
    ("headline", "base", "标题"),
    ("kicker", "base", "引题"),
    ("subtitle", "base", "副题"),
    ("link", "base", "链接"),
    ("jump_marker", "base", "转版标记"),
    ("selection_text", "selection_bg", "选中文字"),
    ("button_text", "button_bg", "按钮文字与图标"),
    ("button_text", "window", "工具栏平按钮文字与图标"),
    ("button_checked_text", "button_checked_bg", "按下的按钮"),
    ("tooltip_text", "tooltip_bg", "提示"),
    ("placeholder_text", "base", "输入框提示文字"),
)
# Disabled text: WCAG exempts it; we still ask 4.5:1 so it stays legible.
_DISABLED_PAIRS = (
    ("disabled_text", "window", "不可用的文字"),
    ("disabled_text", "button_bg", "不可用的按钮"),
)
# Control boundaries and the focus ring (non-text, WCAG 1.4.11).
_NON_TEXT_PAIRS = (
    ("button_border", "window", "按钮边框"),
    ("focus_ring", "window", "焦点框"),
    ("focus_ring", "base", "焦点框（正文区）"),
    ("focus_ring", "button_bg", "焦点框（按钮上）"),
)


def contrast_rules(theme: Theme) -> tuple[ContrastRule, ...]:
    """The contrast rules ``theme`` must meet (stricter for the 长辈版 theme)."""
    from jiangbei_reader.core.contrast import BODY_TEXT_RATIO, OTHER_TEXT_RATIO, ContrastRule

    text = BODY_TEXT_RATIO if theme.elder else OTHER_TEXT_RATIO
    non_text = OTHER_TEXT_RATIO if theme.elder else NON_TEXT_RATIO
    groups = (
        (_BODY_PAIRS, BODY_TEXT_RATIO),
        (_TEXT_PAIRS, text),
        (_DISABLED_PAIRS, OTHER_TEXT_RATIO),
        (_NON_TEXT_PAIRS, non_text),
    )
    return tuple(
        ContrastRule(fg, bg, minimum, what) for pairs, minimum in groups for fg, bg, what in pairs
    )


def check_theme(theme: Theme) -> list[ContrastFailure]:
    """Every contrast rule ``theme`` fails; empty when it passes."""
    from jiangbei_reader.core.contrast import check_palette

    return check_palette(theme.colors(), contrast_rules(theme))


def theme_named(name: str) -> Theme:
    """The theme called ``name``, or the default theme for an unknown name."""
    return THEMES.get(name, THEMES[DEFAULT_THEME])
