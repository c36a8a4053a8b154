"""Safe data updates: a build killed while it writes leaves the good parquet untouched.

The kill is made deterministic without a hook in production code: the build runs as a subprocess
with a `sitecustomize` shim on PYTHONPATH that wraps `pyarrow.parquet.write_table` so it writes the
first half of the real file, touches a marker file and sleeps. The test waits for the marker, checks
that the temp file exists, and SIGKILLs the build there (no `finally`, no cleanup runs).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.build import main as build_main
from dashboard.load import load_with_meta
from dashboard.paths import DEFAULT_PARQUET, ROOT

SHIM = '''
"""Test shim: pyarrow.parquet.write_table writes half of the file, signals, then hangs."""
import io
import os
import time

import pyarrow.parquet as _pq

_real_write_table = _pq.write_table


def write_table(table, where, *args, **kwargs):
    buf = io.BytesIO()
    _real_write_table(table, buf, *args, **kwargs)
    data = buf.getvalue()
    half = len(data) // 2
    where.write(data[:half])
    where.flush()
    os.fsync(where.fileno())
    marker = os.environ["CRASH_TEST_MARKER"]
    with open(marker + ".part", "w") as fh:  # whole or absent: the test polls for the marker
        fh.write(str(half))
    os.replace(marker + ".part", marker)
    time.sleep(120)  # killed here
    where.write(data[half:])


_pq.write_table = write_table
'''
MARKER_TIMEOUT_S = 120


def temp_files(folder: Path, target: str) -> list[Path]:
    """The build's temp files for `target` (what tempfile.mkstemp names them in write_parquet)."""
    return sorted(p for p in folder.iterdir() if p.name.startswith(f".{target}.") and p.name.endswith(".tmp"))


def git_ignored(path_in_repo: str) -> bool:
    """Whether git would ignore a file at this repository path (read-only query)."""
    return subprocess.run(["git", "check-ignore", "-q", path_in_repo], cwd=ROOT).returncode == 0


@pytest.fixture
def killed_build(tmp_path, source_copy):
    """A build of a source copy over an existing good parquet, SIGKILLed mid-write.

    Returns (target parquet, its bytes before the build, temp files seen while writing).
    """
    data = tmp_path / "data"
    data.mkdir()
    out = data / DEFAULT_PARQUET.name
    shutil.copyfile(DEFAULT_PARQUET, out)
    good = out.read_bytes()
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SHIM, encoding="utf-8")
    marker = tmp_path / "writing"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(shim), env.get("PYTHONPATH", "")) if p)
    env["CRASH_TEST_MARKER"] = str(marker)
    cmd = [sys.executable, "-m", "dashboard.build", "--source", str(source_copy), "--out", str(out)]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + MARKER_TIMEOUT_S
        while not marker.exists():
            if proc.poll() is not None:
                pytest.fail(f"the build ended before writing (exit {proc.returncode}):\n{proc.stdout.read().decode()}")
            if time.monotonic() > deadline:
                pytest.fail(f"the build did not reach write_table within {MARKER_TIMEOUT_S} s")
            time.sleep(0.05)
        writing = temp_files(data, out.name)
        half = int(marker.read_text())
        assert out.read_bytes() == good, "the target changed before the write finished"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    assert len(writing) == 1 and writing[0].stat().st_size == half > 0, "the half-written temp file"
    return out, good, writing


def test_killed_build_keeps_the_old_parquet(killed_build, committed):
    """SIGKILL mid-write: the old parquet is byte-identical and loads; the leftover is only a temp file."""
    out, good, writing = killed_build
    assert out.read_bytes() == good
    df, meta = load_with_meta(out)
    assert df.equals(committed[0]) and meta == committed[1]
    leftovers = temp_files(out.parent, out.name)
    assert leftovers == writing  # only the temp file that was being written
    for left in leftovers:
        assert left != out and left.name != out.name
        assert left.name.startswith(".") and left.suffix == ".tmp"
        # Had it been the real data folder, git would not pick the leftover up.
        assert git_ignored(f"data/{left.name}"), f"data/{left.name} is not git-ignored"


def test_next_build_cleans_up_after_a_killed_one(killed_build, source_copy, committed):
    """The next successful build replaces the parquet and removes the crashed run's temp file."""
    out, _, writing = killed_build
    assert build_main(["--source", str(source_copy), "--out", str(out)]) == 0
    assert temp_files(out.parent, out.name) == []
    assert not writing[0].exists()
    df, meta = load_with_meta(out)
    assert df.equals(committed[0]) and meta == committed[1]


def test_cleanup_spares_other_files_and_newer_temp_files(tmp_path, built):
    """Only this target's temp files older than the run go: not another target's, not a newer one."""
    from dashboard.build import write_parquet

    out = tmp_path / "t.parquet"
    stale = tmp_path / ".t.parquet.old1234.tmp"
    other = tmp_path / ".other.parquet.abcd.tmp"
    newer = tmp_path / ".t.parquet.live5678.tmp"  # e.g. a concurrent build still writing
    for p in (stale, other, newer):
        p.write_bytes(b"PAR1 partial")
    past, future = time.time() - 3600, time.time() + 3600
    os.utime(stale, (past, past))
    os.utime(other, (past, past))
    os.utime(newer, (future, future))
    write_parquet(*built, out)
    assert not stale.exists()
    assert other.exists() and newer.exists()
    assert load_with_meta(out)[0].equals(built[0])
