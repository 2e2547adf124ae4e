"""Which kiosk.toml is used: --kiosk-config, then the machine-wide file, then the user's."""

import platformdirs

from jiangbei_reader.core.kiosk.paths import (
    Origin,
    resolve_config_path,
    system_config_file,
    user_config_file,
)


def make(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("version = 1\n", encoding="utf-8")
    return path


def test_the_user_file_is_in_the_platform_config_dir():
    assert user_config_file() == platformdirs.user_config_path("jiangbei-reader") / "kiosk.toml"


def test_on_linux_the_machine_wide_file_is_under_etc(monkeypatch):
    monkeypatch.setattr("sys.platform", "linux")
    assert str(system_config_file()) == "/etc/jiangbei-reader/kiosk.toml"


def test_an_explicit_path_wins_and_names_the_files_it_overrides(tmp_path):
    system, user = make(tmp_path / "etc.toml"), make(tmp_path / "user.toml")
    explicit = tmp_path / "explicit.toml"
    location = resolve_config_path(explicit, system=system, user=user)
    assert (location.path, location.origin) == (explicit, Origin.COMMAND_LINE)
    assert location.shadowed == (system, user)


def test_the_machine_wide_file_wins_over_the_users_when_it_exists(tmp_path):
    system, user = make(tmp_path / "etc.toml"), make(tmp_path / "user.toml")
    location = resolve_config_path(None, system=system, user=user)
    assert (location.path, location.origin) == (system, Origin.SYSTEM)
    assert location.shadowed == (user,)


def test_without_a_machine_wide_file_the_users_file_is_used_even_if_absent(tmp_path):
    system, user = tmp_path / "etc.toml", tmp_path / "user.toml"
    location = resolve_config_path(None, system=system, user=user)
    assert (location.path, location.origin, location.shadowed) == (user, Origin.USER, ())
