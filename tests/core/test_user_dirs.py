"""The reader's config and cache folders are where platformdirs would put them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from jiangbei_reader.core import user_dirs

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the XDG folders are POSIX")

CASES = {
    "defaults": {},
    "absolute XDG": {"XDG_CONFIG_HOME": "/srv/conf", "XDG_CACHE_HOME": "/srv/cache"},
    "relative XDG is ignored": {"XDG_CONFIG_HOME": "conf", "XDG_CACHE_HOME": "./cache"},
    "empty XDG": {"XDG_CONFIG_HOME": "", "XDG_CACHE_HOME": ""},
    "relative HOME": {"HOME": "somewhere"},
    "no HOME": {"HOME": None},
}


@pytest.mark.parametrize("env", CASES.values(), ids=CASES.keys())
def test_the_folders_are_platformdirs_folders(
    env: dict[str, str | None], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert user_dirs.user_config_path() == platformdirs.user_config_path(
        "jiangbei-reader", appauthor=False
    )
    assert user_dirs.user_cache_path() == platformdirs.user_cache_path(
        "jiangbei-reader", appauthor=False
    )
    assert user_dirs.user_config_path().is_absolute()


def test_other_systems_ask_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(user_dirs.sys, "platform", "darwin")
    asked: list[str] = []
    monkeypatch.setattr(
        platformdirs, "user_config_path", lambda name, appauthor: asked.append(name) or Path("/x")
    )
    assert user_dirs.user_config_path() == Path("/x")
    assert asked == ["jiangbei-reader"]


def test_platformdirs_is_not_imported_for_the_folders() -> None:
    # It takes ~3 ms to import; the reader needs the two folders at every start.
    probe = (
        "import sys; from jiangbei_reader.core.settings import default_config_dir; "
        "from jiangbei_reader.core.slug import default_slug_cache_path; "
        "default_config_dir(); default_slug_cache_path(); print('platformdirs' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"
