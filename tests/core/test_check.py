"""`jiangbei-reader check` as an editor runs it: output format, exit status, highlighting."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from jiangbei_reader.cli import main
from tests.helpers.editions import JUMP_PAIR, write_edition

LINE_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|note): ")


def run_check(capsys, *args):
    status = main(["check", *map(str, args)])
    return status, capsys.readouterr().out


def test_clean_edition_exits_zero_and_prints_notes(tmp_path, capsys):
    path = write_edition(tmp_path)
    status, out = run_check(capsys, path)
    assert status == 0
    notes = [m for m in map(LINE_RE.match, out.splitlines()) if m]
    orphan_line = next(i for i, t in enumerate(JUMP_PAIR.splitlines(), 1) if "（上接2版）" in t)
    assert [(m["sev"], m["line"]) for m in notes] == [("note", str(orphan_line))]
    assert "1 file(s) checked: 0 error(s), 0 warning(s), 1 note(s)" in out


def test_errors_exit_one_with_file_line_col_and_the_source_line(tmp_path, capsys):
    bad = JUMP_PAIR.replace("作者：测试记者", "记者：测试记者")
    path = write_edition(tmp_path, bad)
    status, out = run_check(capsys, path)
    assert status == 1
    lines = out.splitlines()
    index = next(i for i, line in enumerate(lines) if "unknown field" in line)
    match = LINE_RE.match(lines[index])
    assert match and match["file"] == str(path) and match["sev"] == "error"
    assert match["line"] == "13" and match["col"] == "1"
    assert lines[index + 1] == "   13 | 记者：测试记者"
    assert lines[index + 2].endswith("| ^")
    assert "\x1b[" not in out  # not a terminal: plain text


def test_color_always_highlights_with_the_edition_lexer(tmp_path, capsys):
    path = write_edition(tmp_path, JUMP_PAIR.replace("作者：测试记者", "记者：测试记者"))
    _, out = run_check(capsys, "--color", "always", path)
    assert "\x1b[" in out and "记者" in out


def test_caret_sits_under_the_column_counting_wide_characters(tmp_path, capsys):
    text = JUMP_PAIR.replace("第二段继续。（下转3版）", "第二段继续。（下转5版）")
    path = write_edition(tmp_path, text)
    _, out = run_check(capsys, path)
    lines = out.splitlines()
    index = next(i for i, line in enumerate(lines) if "（下转5版）: page 5" in line)
    caret = lines[index + 2]
    assert caret.index("^") - caret.index("|") == len("第二段继续。") * 2 + 2


def test_folder_with_a_broken_file_reports_it_and_checks_the_rest(tmp_path, capsys):
    write_edition(tmp_path)
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02")
    write_edition(tmp_path, JUMP_PAIR.replace("number: 9999", "number: 1"), "dup.md")
    status, out = run_check(capsys, tmp_path)
    assert status == 1
    assert "binary.md:1:0: error: this is not a text file" in out
    assert "dup.md:1:1: error: another edition of 2030-01-02" in out
    assert "3 file(s) checked" in out


def test_missing_path_is_an_error(tmp_path, capsys):
    status, out = run_check(capsys, tmp_path / "nope")
    assert status == 1 and "no such file or folder" in out


def test_check_runs_as_a_command_without_loading_qt(tmp_path):
    path = write_edition(tmp_path)
    code = (
        "import sys; from jiangbei_reader.cli import main; rc = main(['check', sys.argv[1]]);"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported';"
        "sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert Path(path).name in done.stdout


@pytest.mark.parametrize(
    "text",
    [
        "---\npaper: 江北报\n",  # never closed
        "---\npaper: 江北报\ndate: 2030-13-40\n---\n# 第1版\n未收录\n",
        "---\ndate: 2030-01-02\n---\n# 第1版\n未收录\n",  # no paper
    ],
)
def test_color_output_of_front_matter_problems_finishes(tmp_path, capsys, text):
    path = tmp_path / "2030-01-02.md"
    path.write_text(text, encoding="utf-8")
    status, out = run_check(capsys, "--color", "always", path)
    assert status == 1
    assert "\x1b[" in out and "front-matter" in out


def test_a_folder_without_editions_is_not_a_clean_check(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("不是版面文件", encoding="utf-8")
    status = main(["check", str(tmp_path)])
    captured = capsys.readouterr()
    assert status == 1
    assert "no edition files (*.md) found" in captured.err and str(tmp_path) in captured.err
