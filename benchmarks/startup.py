"""Start-up to the first article painted, and article render times.

Start-up: each run starts a fresh Python process and measures the wall time
from launch until the article pane's first paint event, for

* ``bare``: a PySide6 QMainWindow with a QTextBrowser showing the bundled
  edition's text, started the same way (the baseline);
* ``qt floor``: the Qt widgets of the reader's first frame, made without any
  code of the reader's (what the goal leaves for the reader's own work);
* ``reader``: the reader window, built by ``app.create_window`` as ``main`` does;
* ``window alone``: the same window without the features app.py installs on it
  (search, 长辈版 and read-aloud), to tell their cost from the window's;
* ``first start``: the reader on the bundled editions with empty caches and no
  settings, as the first start after installing it;
* ``archive``: the reader with a generated 10-year archive (3,650 synthetic
  editions, written to a temporary folder) in ``--editions``, and the window
  alone over the same archive.

Render: the longest bundled article and a generated 20,000-character article
through ``core.render``, against Python-Markdown converting the same text in
the same process.

    python benchmarks/startup.py [--runs 7] [--archive 3650] [--platform offscreen]
                                 [--no-bytecode-cache] [--instructions]

Figures are medians; ratios are against the baseline of the same run.

With ``--instructions`` each mode also runs once under ``valgrind --tool=callgrind``
(Debian's valgrind), which counts the instructions to the first paint: the same
count whatever else the shared machine is doing, so a change of 1 % shows. It
counts no time spent waiting or in the kernel (files, fonts), which the wall and
CPU times do.

The children keep Python's bytecode cache (in the temporary folder, through
``PYTHONPYCACHEPREFIX``, whatever ``PYTHONDONTWRITEBYTECODE`` says), as an
installed reader has it: pip compiles the package when it installs it. With
``--no-bytecode-cache`` every run compiles the reader's modules again, which is
what a checkout run with ``PYTHONDONTWRITEBYTECODE=1`` pays (about 60 modules).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# -- child processes -------------------------------------------------------------------


def _report_first_paint(widget: object, started: float, phases: dict[str, float]) -> None:
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                # The parent measures from launch; the phases are seen from inside.
                phases["show to paint"] = time.perf_counter() - started - sum(phases.values())
                fields = " ".join(f"{k.replace(' ', '_')}={v:.6f}" for k, v in phases.items())
                print(f"painted {fields}", flush=True)
                os._exit(0)
            return False

    viewport = widget.viewport()  # type: ignore[attr-defined]
    viewport._first_paint = FirstPaint(viewport)  # keep it alive
    viewport.installEventFilter(viewport._first_paint)


def child_bare() -> None:
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser

    phases = {"import PySide6": time.perf_counter() - started}
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    browser = QTextBrowser()
    text = next((ROOT / "editions").glob("*.md")).read_text(encoding="utf-8")
    browser.setPlainText(text)
    window.setCentralWidget(browser)
    window.resize(1200, 800)
    phases["build"] = time.perf_counter() - started - sum(phases.values())
    _report_first_paint(browser, started, phases)
    window.show()
    app.exec()


def child_qt_floor() -> None:
    """The Qt part of the reader's first frame without the reader: a floor for the goal.

    The same kinds and numbers of Qt objects as the reader's first frame (menu bar
    with 67 actions, two tool bars of 15 and 7 with standard icons and shortcuts, a
    search box, a splitter with a tree over a small model and the article browser
    with HTML, a status bar, a style sheet), made with no code of ours.
    """
    started = time.perf_counter()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QApplication,
        QLabel,
        QLineEdit,
        QMainWindow,
        QSplitter,
        QStackedWidget,
        QStyle,
        QTextBrowser,
        QToolBar,
        QTreeView,
    )

    phases = {"import PySide6": time.perf_counter() - started}
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    browser = QTextBrowser()
    text = next((ROOT / "editions").glob("*.md")).read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()][:12]
    browser.setHtml(
        "<h1>标题</h1>" + "".join(f"<p style='text-indent: 2em'>{p}</p>" for p in paragraphs)
    )
    model = QStandardItemModel()
    for number in range(1, 5):
        page = QStandardItem(f"第{number}版")
        model.appendRow(page)
        for article in range(3):
            page.appendRow(QStandardItem(f"文章 {article}"))
    tree = QTreeView()
    tree.setModel(model)
    tree.expandAll()
    side = QStackedWidget()
    side.addWidget(tree)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(side)
    splitter.addWidget(browser)
    window.setCentralWidget(splitter)
    icon = window.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward)
    menu = window.menuBar().addMenu("文件")
    for count, name in ((15, "main"), (7, "aids")):
        bar = QToolBar(name)
        window.addToolBar(bar)
        for _ in range(count):
            action = QAction(icon, "动作", window)
            action.setShortcut(QKeySequence(QKeySequence.StandardKey.Forward))
            bar.addAction(action)
    for _ in range(67 - 22):
        menu.addAction(QAction("菜单项", window))
    box = QLineEdit()
    box.setPlaceholderText("搜索")
    bar.addWidget(box)
    window.statusBar().addWidget(QLabel("就绪"))
    window.setStyleSheet("QToolBar { spacing: 4px; } QToolButton { padding: 4px; }")
    window.resize(1200, 800)
    phases["build"] = time.perf_counter() - started - sum(phases.values())
    _report_first_paint(browser, started, phases)
    window.show()
    app.exec()


def child_reader(argv: list[str]) -> None:
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    # As main.py (cli.main) starts it: the collector paused, then app.py, which imports
    # its Qt-free modules, then PySide6.
    from jiangbei_reader.startup_gc import pause_collector

    pause_collector()
    from jiangbei_reader.app import create_window

    phases = {"import reader and PySide6": time.perf_counter() - started}
    from PySide6.QtWidgets import QApplication

    window = create_window(argv)
    phases["build"] = time.perf_counter() - started - sum(phases.values())
    _report_first_paint(window.view, started, phases)
    window.show()
    QApplication.instance().exec()  # type: ignore[union-attr]


def child_window_only(argv: list[str]) -> None:
    """The reader window alone: what app.py builds, without the features it installs on it."""
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    from jiangbei_reader.startup_gc import pause_collector, resume_collector

    pause_collector()  # as cli.main does; resumed after the paint, as app.py does
    # In app.py's order: its Qt-free modules, then PySide6, then the Qt layer.
    from jiangbei_reader.core import display, navigation, render, themes, voices  # noqa: F401
    from jiangbei_reader.core.library import Library
    from jiangbei_reader.core.ref_cache import RefCache, default_ref_cache_path
    from jiangbei_reader.core.settings import SettingsStore
    from jiangbei_reader.core.slug import (
        default_slug_cache_path,
        load_known_slugs,
        save_known_slugs,
    )
    from jiangbei_reader.core.typography import DEFAULT_STEP, Mode, base_point_size
    from jiangbei_reader.resources import editions_dir

    phases = {"import core": time.perf_counter() - started}
    from PySide6.QtWidgets import QApplication

    phases["import PySide6"] = time.perf_counter() - started - sum(phases.values())
    from jiangbei_reader.ui.first_paint import after_first_paint
    from jiangbei_reader.ui.fonts import apply_application_font, register_bundled_fonts
    from jiangbei_reader.ui.window import ReaderWindow

    phases["import reader"] = time.perf_counter() - started - sum(phases.values())

    def phase(name: str) -> None:
        phases[name] = time.perf_counter() - started - sum(phases.values())

    app = QApplication([sys.argv[0]])
    apply_application_font(
        app, register_bundled_fonts(), base_point_size(DEFAULT_STEP, Mode.NORMAL)
    )
    phase("app and fonts")
    store = SettingsStore(Path(argv[0]))
    preferences = store.load().preferences
    load_known_slugs(default_slug_cache_path())  # as app.py does
    roots = [Path(argv[1])] if len(argv) > 1 else [editions_dir()]
    library = Library(  # as app.py
        roots, ref_cache=RefCache(default_ref_cache_path(roots)), trust_cache=True
    )
    phase("settings and library")
    window = ReaderWindow(library, preferences, store)
    after_first_paint(window.view.viewport(), resume_collector)
    phase("window")
    window.start()
    save_known_slugs(default_slug_cache_path())
    phase("first article")
    _report_first_paint(window.view, started, phases)
    window.show()
    app.exec()


# -- parent ----------------------------------------------------------------------------


#: The label of the runs that start with empty caches, as the very first start does.
FIRST = "first start"
#: Phase timings reported by the children, by run label.
PHASES: dict[str, list[dict[str, float]]] = {}
#: CPU time (user + system) of each child up to its first paint, by run label.
CPU: dict[str, list[float]] = {}


def time_start(args: list[str], env: dict[str, str], label: str = "") -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    # The child exits right after its first paint: its CPU time is the CPU time to paint,
    # which other work on a shared machine changes far less than the wall time.
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if not line.startswith("painted"):
        raise RuntimeError(
            f"{args}: no paint reported\n{process.stderr.read() if process.stderr else ''}"
        )
    if label:
        CPU.setdefault(label, []).append(usage.ru_utime + usage.ru_stime)
        fields = dict(item.split("=") for item in line.split()[1:])
        PHASES.setdefault(label, []).append({k: float(v) for k, v in fields.items()})
    return elapsed


def print_phases() -> None:
    print("\nwhere the time goes, seen inside each process (median ms)")
    for label, runs in PHASES.items():
        names = list(runs[0])
        text = ", ".join(
            f"{n.replace('_', ' ')} {statistics.median(r[n] for r in runs) * 1000:.0f}"
            for n in names
        )
        print(f"  {label}: {text}")


def count_instructions(args: list[str], env: dict[str, str], folder: Path) -> int:
    """Instructions executed up to the first paint, counted by callgrind (warm caches)."""
    result = subprocess.run(
        [
            *("valgrind", "--tool=callgrind", f"--callgrind-out-file={folder / 'callgrind.%p'}"),
            *(sys.executable, __file__, "--child", *args),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    match = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if "painted" not in result.stdout or match is None:
        raise RuntimeError(f"{args}: callgrind gave no count\n{result.stderr[-2000:]}")
    return int(match.group(1).replace(",", ""))


def print_instructions(modes: dict[str, list[str]], env: dict[str, str], folder: Path) -> None:
    if shutil.which("valgrind") is None:
        print("\n(--instructions: valgrind is not installed: apt-get install valgrind)")
        return
    counts = {label: count_instructions(args, env, folder) for label, args in modes.items()}
    bare = counts["bare"]
    print("\ninstructions to the first paint (callgrind, one run each)")
    for label, count in counts.items():
        print(f"  {label:<33} {count / 1e6:9,.0f} M  ratio {count / bare:.3f}")


def row(label: str, seconds: float, baseline: float, goal: float) -> None:
    ratio = seconds / baseline
    print(f"  {label:<33} {seconds * 1000:7.0f} ms  ratio {ratio:.2f} (goal <= {goal})")


def render_figures(repeat: int) -> None:
    import markdown

    from jiangbei_reader.core.display import DisplaySettings
    from jiangbei_reader.core.library import Library
    from jiangbei_reader.core.parser import parse_edition
    from jiangbei_reader.core.render import render_article, render_story
    from jiangbei_reader.core.synthetic import source_sentences
    from jiangbei_reader.resources import editions_dir

    display = DisplaySettings(font_line_spacing=1.45)
    pairs = [(e, a) for e in Library([editions_dir()]).editions() for a in e.articles()]
    edition, longest = max(pairs, key=lambda pair: len(pair[1].plain_text()))

    body: list[str] = []
    sentences = source_sentences()
    while sum(map(len, body)) < 20_000:
        body.append("".join(sentences[(len(body) * 3 + i) % len(sentences)] for i in range(4)))
    text = (
        "---\npaper: 江北报\ndate: 2030-01-01\nnote: 合成（synthetic）\n---\n\n# 第1版 测试\n\n"
        "## 合成的长文章\n\n" + "\n\n".join(body) + "\n"
    )
    parsed = parse_edition(text, None).edition
    assert parsed is not None
    generated = next(parsed.articles())

    def best(work: Callable[[], object]) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    print("\nrender (median of", repeat, "runs)")
    for label, ed, article in (
        (f"longest bundled article ({len(longest.plain_text())} chars)", edition, longest),
        (f"generated article ({len(generated.plain_text())} chars)", parsed, generated),
    ):
        source = "\n\n".join(b.text for b in article.paragraphs)
        t_render = best(lambda ed=ed, a=article: render_article(ed, a, display))
        t_md = best(lambda s=source: markdown.markdown(s))
        print(
            f"  {label}: render_article {t_render * 1000:.2f} ms; "
            f"markdown.markdown of the same text {t_md * 1000:.2f} ms "
            f"(ratio {t_render / t_md:.2f})"
        )
    story = max(
        (edition.story(a.id) for a in edition.articles()),
        key=lambda s: len(s.fragments) if s else 0,
    )
    if story is not None and len(story.fragments) > 1:
        t_story = best(lambda: render_story(edition, story, display))
        chars = sum(len(f.plain_text()) for f in story.fragments)
        print(
            f"  longest bundled story ({len(story.fragments)} parts, {chars} chars): "
            f"render_story {t_story * 1000:.2f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--archive", type=int, default=3650, help="editions in the archive run")
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM for the runs")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="compile the reader's modules in every run (as with PYTHONDONTWRITEBYTECODE=1)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count each mode's instructions under valgrind's callgrind (noise-free)",
    )
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        mode, *rest = args.child
        if mode == "bare":
            child_bare()
        elif mode == "qt-floor":
            child_qt_floor()
        elif mode == "window-only":
            child_window_only(rest)
        else:
            child_reader(rest)
        return

    with tempfile.TemporaryDirectory(prefix="jiangbei-bench-") as folder:
        base = Path(folder)
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=args.platform,
            XDG_CONFIG_HOME=str(base / "config"),
            # The warm-up run fills the caches (search index, slugs) as a first start would.
            XDG_CACHE_HOME=str(base / "cache"),
        )
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        if args.no_bytecode_cache:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(base / "pycache")
        from jiangbei_reader.core.synthetic import write_archive

        started = time.perf_counter()
        paths = write_archive(base / "archive", args.archive)
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(
            f"(wrote {len(paths)} synthetic editions, {size:.0f} MB, "
            f"in {time.perf_counter() - started:.0f} s)"
        )
        modes = {
            "bare": ["bare"],
            "qt floor": ["qt-floor"],
            "reader": ["reader", "--config-dir", str(base / "reader-config")],
            "window only": ["window-only", str(base / "alone-config")],
            "archive": [
                *("reader", "--editions", str(base / "archive")),
                *("--config-dir", str(base / "archive-config")),
            ],
            "window only archive": [
                "window-only",
                str(base / "alone-archive-config"),
                str(base / "archive"),
            ],
        }
        for command in modes.values():  # warm the file cache and the bytecode cache
            time_start(command, env)
        # Runs alternate between the modes, so a busy machine slows them all alike.
        times: dict[str, list[float]] = {label: [] for label in [*modes, FIRST]}
        for run in range(args.runs):
            for label, command in modes.items():
                times[label].append(time_start(command, env, label))
            # A first start: no caches (slugs, listing, index) and no settings yet.
            fresh = base / f"first-{run}"
            first_env = dict(env, XDG_CACHE_HOME=str(fresh / "cache"))
            first_env["XDG_CONFIG_HOME"] = str(fresh / "config")
            command = ["reader", "--config-dir", str(fresh / "reader-config")]
            times[FIRST].append(time_start(command, first_env, FIRST))
        cache = "no bytecode cache" if args.no_bytecode_cache else "bytecode cached"
        for title, figures in (("wall time", times), ("CPU time (user + system)", CPU)):
            bare = statistics.median(figures["bare"])
            print(
                f"start-up to first article painted, {title}, median of {args.runs} runs "
                f"({args.platform}, {cache})"
            )
            print(f"  {'bare QMainWindow + QTextBrowser':<33} {bare * 1000:7.0f} ms")
            floor = statistics.median(figures["qt floor"])
            print(
                f"  {'  its Qt widgets, no reader code':<33} {floor * 1000:7.0f} ms  "
                f"ratio {floor / bare:.2f} (what the goal leaves the reader: "
                f"{(1.5 * bare - floor) * 1000:.0f} ms)"
            )
            row("reader, bundled editions", statistics.median(figures["reader"]), bare, 1.5)
            row("  the same, first start", statistics.median(figures[FIRST]), bare, 1.5)
            row(
                "  window alone (no search, 长辈版)",
                statistics.median(figures["window only"]),
                bare,
                1.5,
            )
            label = f"reader, {len(paths)}-edition archive"
            row(label, statistics.median(figures["archive"]), bare, 2.0)
            row(
                "  window alone, archive",
                statistics.median(figures["window only archive"]),
                bare,
                2.0,
            )
        if args.instructions:
            print_instructions(modes, env, base)
    print_phases()
    render_figures(repeat=20)


if __name__ == "__main__":
    main()
