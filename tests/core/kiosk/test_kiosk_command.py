"""`jiangbei-reader kiosk set-pin|show-config|check-config` as a provisioning script runs them."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from jiangbei_reader.cli import main
from jiangbei_reader.core.kiosk.config import load_config, load_for_kiosk
from jiangbei_reader.core.kiosk.store import default_config_text
from tests.core.kiosk.conftest import cheap_hash

ROOT = Path(__file__).resolve().parents[3]


def kiosk(*args, stdin=""):
    """Run `python -m jiangbei_reader kiosk ...` in a subprocess (stdin is a pipe, not a tty)."""
    return subprocess.run(
        [sys.executable, "-m", "jiangbei_reader", "kiosk", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ.copy(),  # the conftest's temporary XDG dirs
        timeout=120,
    )


def test_set_pin_from_stdin_creates_the_file_with_the_hash(tmp_path):
    path = tmp_path / "kiosk.toml"
    done = kiosk("set-pin", "--kiosk-config", path, stdin="482916\n482916\n")
    assert done.returncode == 0, done.stderr
    assert f"{path}: created with defaults and the PIN" in done.stdout
    config = load_for_kiosk(path)
    assert config.pin.verify("482916") and not config.pin.verify("482917")
    assert "482916" not in path.read_text(encoding="utf-8")
    assert "482916" not in done.stdout + done.stderr
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_set_pin_keeps_the_rest_of_an_existing_file(tmp_path):
    path = tmp_path / "kiosk.toml"
    original = default_config_text(None).replace('theme = "light"', 'theme = "dark"')
    path.write_text(original, encoding="utf-8")
    done = kiosk("set-pin", "--kiosk-config", path, stdin="1234\n1234\n")
    assert done.returncode == 0, done.stderr
    assert "PIN changed" in done.stdout
    assert path.read_text(encoding="utf-8").startswith(original)
    assert load_config(path).theme == "dark"


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("1234\n4321\n", "the two PINs differ"),
        ("1234\n", "expected the PIN twice"),
        ("", "expected the PIN twice"),
        ("12\n12\n", "4 to 12 digits"),
        ("abcd\nabcd\n", "digits 0-9 only"),
    ],
)
def test_set_pin_refuses_bad_entries_and_writes_nothing(tmp_path, stdin, message):
    path = tmp_path / "kiosk.toml"
    done = kiosk("set-pin", "--kiosk-config", path, stdin=stdin)
    assert done.returncode == 1
    assert message in done.stderr and "nothing was written" in done.stderr
    assert not path.exists()


def test_set_pin_without_a_path_writes_the_per_user_file(tmp_path):
    done = kiosk("set-pin", stdin="5678\n5678\n")
    assert done.returncode == 0, done.stderr
    user_file = Path(os.environ["XDG_CONFIG_HOME"]) / "jiangbei-reader" / "kiosk.toml"
    assert load_for_kiosk(user_file).pin.verify("5678")


def test_check_config_fails_without_a_pin_and_prints_the_command(tmp_path, capsys):
    path = tmp_path / "kiosk.toml"
    path.write_text(default_config_text(None), encoding="utf-8")
    assert main(["kiosk", "check-config", "--kiosk-config", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"jiangbei-reader kiosk set-pin --kiosk-config {path}" in err


def test_check_config_passes_with_a_pin(tmp_path, capsys):
    path = tmp_path / "kiosk.toml"
    path.write_text(default_config_text(cheap_hash()), encoding="utf-8")
    path.chmod(0o600)
    assert main(["kiosk", "check-config", "--kiosk-config", str(path)]) == 0
    assert "ok, kiosk mode can start" in capsys.readouterr().out


def test_check_config_names_file_line_and_key_of_a_bad_value(tmp_path, capsys):
    path = tmp_path / "kiosk.toml"
    text = default_config_text(cheap_hash()).replace("font_step = 125", "font_step = 175")
    line = text.splitlines().index("font_step = 175") + 1
    path.write_text(text, encoding="utf-8")
    assert main(["kiosk", "check-config", "--kiosk-config", str(path)]) == 1
    assert f"{path}:{line}: display.font_step: must be one of" in capsys.readouterr().err


def test_check_config_of_a_missing_file_fails(tmp_path, capsys):
    assert main(["kiosk", "check-config", "--kiosk-config", str(tmp_path / "no.toml")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_show_config_prints_values_but_never_the_hash_or_salt(tmp_path, capsys):
    pin = cheap_hash()
    path = tmp_path / "kiosk.toml"
    path.write_text(default_config_text(pin), encoding="utf-8")
    assert main(["kiosk", "show-config", "--kiosk-config", str(path)]) == 0
    out = capsys.readouterr().out
    assert "idle.article_seconds = 120" in out and 'display.theme = "light"' in out
    assert "pin = set (scrypt, n=1024 r=8 p=1)" in out
    assert pin.digest.hex() not in out and pin.salt.hex() not in out


def test_show_config_marks_defaults_and_an_unset_pin(tmp_path, capsys):
    path = tmp_path / "kiosk.toml"
    path.write_text('version = 1\n[display]\ntheme = "dark"\n', encoding="utf-8")
    assert main(["kiosk", "show-config", "--kiosk-config", str(path)]) == 0
    out = capsys.readouterr().out
    assert 'display.theme = "dark"\n' in out
    assert "display.font_step = 125   # default" in out
    assert "pin = not set" in out and "set-pin" in out


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_world_readable_file_is_warned_about(tmp_path, capsys):
    path = tmp_path / "kiosk.toml"
    path.write_text(default_config_text(cheap_hash()), encoding="utf-8")
    path.chmod(0o644)
    assert main(["kiosk", "check-config", "--kiosk-config", str(path)]) == 0
    assert f"chmod o-rwx {path}" in capsys.readouterr().out


def _talk_through_a_terminal(args, answers):
    """Run the command on a pseudo-terminal, answering each prompt; returns (status, output)."""
    import pty
    import select
    import signal

    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty, so getpass uses it
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "jiangbei_reader", "kiosk", *args])
    output = b""
    since_answer = b""
    pending = list(answers)
    finished = False
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 30)
            if not ready:
                raise AssertionError(f"no output for 30 s; so far: {output!r}")
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # EIO: the child has closed the terminal
                break
            if not chunk:
                break
            output += chunk
            since_answer += chunk
            # Answer only a new prompt: getpass flushes typed-ahead input when it starts.
            if pending and since_answer.rstrip().endswith(b":"):
                os.write(fd, pending.pop(0).encode() + b"\n")
                since_answer = b""
        finished = True
    finally:
        if not finished:  # never leave a child waiting for input after a failure
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pseudo-terminal")
def test_set_pin_on_a_terminal_asks_twice_without_echo(tmp_path):
    path = tmp_path / "kiosk.toml"
    status, output = _talk_through_a_terminal(
        ["set-pin", "--kiosk-config", str(path)], ["731902", "731902"]
    )
    assert status == 0, output
    assert "New admin PIN" in output and "Repeat the PIN" in output
    assert "731902" not in output  # getpass turned echo off
    assert load_for_kiosk(path).pin.verify("731902")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pseudo-terminal")
def test_set_pin_on_a_terminal_refuses_two_different_pins(tmp_path):
    path = tmp_path / "kiosk.toml"
    status, output = _talk_through_a_terminal(
        ["set-pin", "--kiosk-config", str(path)], ["1111", "2222"]
    )
    assert status == 1 and "the two PINs differ" in output
    assert not path.exists()


def test_python_dash_m_cli_runs_the_command_line(tmp_path):
    """`python -m jiangbei_reader.cli` is the command line too (it used to do nothing)."""
    path = tmp_path / "kiosk.toml"
    done = subprocess.run(
        [sys.executable, "-m", "jiangbei_reader.cli", "kiosk", "set-pin", "--kiosk-config", path],
        input="482916\n482916\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert load_for_kiosk(path).pin.verify("482916")
    helped = subprocess.run(
        [sys.executable, "-m", "jiangbei_reader.cli", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert helped.returncode == 0
    assert helped.stdout.startswith("usage: jiangbei-reader")
