"""The reader's folders for the user's settings and caches.

On Linux and the BSDs they are the XDG base directories, read here as
platformdirs reads them (an unset or relative ``$XDG_*_HOME`` means the
default under ``$HOME``; a relative ``$HOME`` counts as unset). Importing
platformdirs takes ~3 ms (its classes and the regular expressions of its
``user-dirs.dirs`` reader), paid at every start for two paths; on Windows,
macOS and Android it answers, as it knows where those systems keep things.
"""

from __future__ import annotations

import os
import posixpath
import sys
from pathlib import Path

APP_NAME = "jiangbei-reader"


def _is_xdg_platform() -> bool:
    if sys.platform in ("win32", "darwin", "ios", "android"):
        return False
    # platformdirs' test for Android under a Linux sys.platform.
    return not (os.environ.get("ANDROID_DATA") == "/data" and "ANDROID_ROOT" in os.environ)


def _home() -> str:
    home = os.environ.get("HOME")
    if home is None or not posixpath.isabs(home):
        import pwd

        home = pwd.getpwuid(os.getuid()).pw_dir
    if not posixpath.isabs(home):
        raise RuntimeError("cannot find the home folder: set an absolute HOME or XDG variable")
    return home


def _xdg_home(variable: str, default: str) -> Path:
    value = os.environ.get(variable, "")
    base = value if posixpath.isabs(value) else posixpath.join(_home(), default)
    return Path(base) / APP_NAME


def user_config_path() -> Path:
    """The reader's config folder: ``~/.config/jiangbei-reader`` on Linux, AppData on Windows."""
    if _is_xdg_platform():
        return _xdg_home("XDG_CONFIG_HOME", ".config")
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def user_cache_path() -> Path:
    """The reader's cache folder: ``~/.cache/jiangbei-reader`` on Linux."""
    if _is_xdg_platform():
        return _xdg_home("XDG_CACHE_HOME", ".cache")
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)
