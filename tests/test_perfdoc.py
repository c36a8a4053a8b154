"""docs/performance.md is what `python -m bench.perfdoc` makes of the JSON it names (like cog --check)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from dashboard.paths import ROOT

DOC = ROOT / "docs" / "performance.md"


def perfdoc(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bench.perfdoc", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_the_committed_page_agrees_with_the_json_it_names():
    """The check passes on the committed page, which names committed JSON files under docs/."""
    head = DOC.read_text(encoding="utf-8").splitlines()[0]
    named = re.findall(r"docs/\S+\.json", head)
    assert len(named) == 2 and all((ROOT / n).is_file() for n in named), head
    proc = perfdoc("--check")
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_the_check_fails_when_the_json_or_the_page_changes(tmp_path):
    """A median changed in the JSON, or a number edited on the page, fails the check with a diff."""
    text = DOC.read_text(encoding="utf-8")
    result = json.loads((ROOT / "docs" / "performance.json").read_text(encoding="utf-8"))
    warm = result["floors"]["floor B"]["server"]["warm_ms"]
    assert f"{warm['median']:,.0f}" in text
    warm["median"] += 1000
    changed = tmp_path / "performance.json"
    changed.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    page = tmp_path / "performance.md"
    page.write_text(text.replace("docs/performance.json", str(changed), 1), encoding="utf-8")  # names the copy
    proc = perfdoc("--check", str(page))
    assert proc.returncode == 1 and "disagrees with its JSON" in proc.stderr, proc.stderr
    assert f"{warm['median']:,.0f}" in proc.stderr  # the regenerated line carries the changed number

    edited = tmp_path / "edited.md"
    edited.write_text(text.replace("**Targets:", "**Targets (edited):", 1), encoding="utf-8")
    proc = perfdoc("--check", str(edited))
    assert proc.returncode == 1 and "-**Targets (edited):" in proc.stderr, proc.stderr
