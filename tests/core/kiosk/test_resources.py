"""The OS side shipped in resources/kiosk/: units restart the reader fast and forever."""

import configparser
import os
import re
import shutil
import subprocess

import pytest

from jiangbei_reader.resources import resource

KIOSK = resource("kiosk")
USER_UNIT = KIOSK / "jiangbei-reader-kiosk.service"
CAGE_UNIT = KIOSK / "cage" / "jiangbei-reader-cage.service"


def read_unit(path):
    # systemd keys are case-sensitive and may repeat (After=); `%h` is not interpolation.
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser


def seconds(value):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(s|sec)?", value.strip())
    assert match, f"unexpected time span {value!r}"
    return float(match.group(1))


@pytest.mark.parametrize("path", [USER_UNIT, CAGE_UNIT], ids=["user-unit", "cage-unit"])
def test_the_unit_restarts_always_within_5_seconds_with_no_start_limit(path):
    unit = read_unit(path)
    assert unit["Service"]["Restart"] == "always"
    assert seconds(unit["Service"]["RestartSec"]) <= 5
    assert seconds(unit["Unit"]["StartLimitIntervalSec"]) == 0
    assert "StartLimitBurst" not in unit["Unit"]


def test_the_user_unit_starts_the_reader_in_kiosk_mode_in_the_graphical_session():
    unit = read_unit(USER_UNIT)
    assert unit["Service"]["ExecStart"].split() == ["jiangbei-reader", "--kiosk"]
    assert unit["Install"]["WantedBy"] == "graphical-session.target"


def test_the_cage_unit_runs_the_reader_inside_cage_as_an_unprivileged_user():
    unit = read_unit(CAGE_UNIT)
    command = unit["Service"]["ExecStart"].split()
    assert command[0].endswith("/cage")
    assert command[-3:] == ["--", "jiangbei-reader", "--kiosk"]
    assert "-s" not in command  # -s would allow switching to a text console
    assert unit["Service"]["User"] not in ("root", "0")
    assert (KIOSK / "cage" / f"pam-{unit['Service']['PAMName']}").is_file()


def test_the_x11_session_restarts_the_reader_and_disables_server_escape_keys():
    session = (KIOSK / "x11" / "xsession").read_text(encoding="utf-8")
    assert "jiangbei-reader --kiosk" in session and "sleep 2" in session
    assert "srvrkeys:none" in session
    flags = (KIOSK / "x11" / "10-kiosk-serverflags.conf").read_text(encoding="utf-8")
    assert '"DontVTSwitch" "true"' in flags and '"DontZap" "true"' in flags
    if os.name == "posix":
        assert os.access(KIOSK / "x11" / "xsession", os.X_OK)


@pytest.mark.skipif(shutil.which("sh") is None, reason="no POSIX shell to check the syntax")
def test_the_x11_session_is_valid_shell():
    done = subprocess.run(["sh", "-n", str(KIOSK / "x11" / "xsession")], capture_output=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
@pytest.mark.parametrize("path", [USER_UNIT, CAGE_UNIT], ids=["user-unit", "cage-unit"])
def test_systemd_analyze_verify_accepts_the_unit(tmp_path, path):
    # verify also checks that each command exists on *this* machine; neither the
    # reader nor cage need be installed here, so point the commands at /bin/true.
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^ExecStart=\S+", "ExecStart=/bin/true", text, flags=re.MULTILINE)
    copy = tmp_path / path.name
    copy.write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(copy)],
        capture_output=True,
        text=True,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
    )
    assert done.returncode == 0, done.stderr
    # Unknown or misspelt keys are only warned about; they must not be there either.
    problems = [
        line
        for line in done.stderr.splitlines()
        if str(copy) in line and ("Unknown" in line or "ignoring" in line or "Failed" in line)
    ]
    assert problems == []
