"""Small hand-written editions for tests (synthetic: never copied into editions/)."""

from __future__ import annotations

import os
from pathlib import Path

#: A tiny edition with a jump pair (page 1 → page 3), a 未收录 page and a caption.
JUMP_PAIR = """\
---
paper: 江北报
date: 2030-01-02
number: 9999
note: 合成测试版面（synthetic），不是真实报纸。
---

# 第1版 要闻

## 测试新闻开篇 {#kai-pian}
引题：合成引题
副题：合成副题
作者：测试记者

本报讯（记者 测试记者）第一段，这是合成的测试文字。

第二段继续。（下转3版）

## 第一版短讯
类型：简讯

只有一段的短讯。

# 第2版 综合
未收录

# 第3版 经济

## 测试新闻开篇 {#kai-pian}

（上接1版）续文第一段。

### 续文小标题

续文第二段。

![合成图片说明。测试摄]()

## 来自第二版的续篇

（上接2版）这一篇的开头在未收录的第2版。
"""


def write_edition(folder: Path, text: str = JUMP_PAIR, name: str = "2030-01-02.md") -> Path:
    """Write an edition file into ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def rewrite_in_place(path: Path, text: str) -> None:
    """Write ``text`` over an edition file as an in-place write does: its folder's time stays."""
    before = path.parent.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path.parent, ns=(before.st_atime_ns, before.st_mtime_ns))
