"""Start-up probes: a script that starts the reader offscreen in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jiangbei_reader

#: The checkout the probes import the reader from.
ROOT = str(Path(jiangbei_reader.__file__).resolve().parents[1])


def run_probe(script: str, *args: str, cache: Path | None = None) -> Any:
    """Run ``script`` with ``args`` offscreen; the JSON its last line of output holds."""
    env = {**os.environ, "PYTHONPATH": ROOT, "QT_QPA_PLATFORM": "offscreen"}
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])
