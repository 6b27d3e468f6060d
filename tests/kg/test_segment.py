"""jieba's main dictionary kept as JSON beside jieba's own cache (kg/segment.py): written by the first process,
read by the next ones (real jieba, real subprocesses with their own temporary folder)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_CODE = ("from kg import segment; from kg.segment import jieba_tokenizer; tk = jieba_tokenizer(); "
         "print(segment.json_copy()); print(len(tk.FREQ), tk.total); print('|'.join(tk.cut('上海蓝鲸甲乙建设充电桩', HMM=False)))")


def _run(tmp: Path) -> tuple[Path, str, str, str]:
    env = {**os.environ, "TMPDIR": str(tmp)}
    out = subprocess.run([sys.executable, "-c", _CODE], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300, check=True)
    path, sizes, cut = out.stdout.split("\n")[:3]
    return Path(path), sizes, cut, out.stderr


def test_jieba_dictionary_copy_is_written_then_read_by_the_next_process(tmp_path):
    path, sizes, cut, _ = _run(tmp_path)
    assert path.parent == tmp_path and path.name.startswith("jieba.nikg.") and path.is_file()
    data = json.loads(path.read_text(encoding="utf-8"))
    words, total = sizes.split()
    assert len(data["freq"]) == int(words) > 300_000 and data["total"] == int(total)
    assert cut == "上海|蓝鲸|甲乙|建设|充电|桩"
    for prefix in ("蓝", "蓝鲸", "蓝鲸甲"):  # jieba's prefix dictionary: every prefix of a word is a key
        data["freq"].setdefault(prefix, 0)
    data["freq"]["蓝鲸甲乙"] = 10_000_000  # a word only the copy has: the next process segments with it
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, again, cut_again, _ = _run(tmp_path)
    assert again == f"{len(data['freq'])} {total}" and len(data["freq"]) > int(words)
    assert cut_again == "上海|蓝鲸甲乙|建设|充电|桩"


def test_an_unreadable_copy_is_ignored_and_written_again(tmp_path):
    path, sizes, cut, _ = _run(tmp_path)
    path.write_text('{"freq": {"上海": ', encoding="utf-8")
    _, sizes_again, cut_again, stderr = _run(tmp_path)
    assert "ignoring the unreadable copy of jieba's dictionary" in stderr and str(path) in stderr
    assert (sizes_again, cut_again) == (sizes, cut)
    assert len(json.loads(path.read_text(encoding="utf-8"))["freq"]) == int(sizes.split()[0])


def test_a_copy_of_the_wrong_shape_is_ignored(tmp_path):
    path, sizes, cut, _ = _run(tmp_path)
    path.write_text('{"freq": [], "total": 3}', encoding="utf-8")
    _, sizes_again, cut_again, stderr = _run(tmp_path)
    assert "not a dictionary and total" in stderr
    assert (sizes_again, cut_again) == (sizes, cut)
