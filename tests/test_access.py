"""python -m dashboard.access grant|revoke|list as a real subprocess against a real SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys

from dashboard.progress import access as A
from dashboard.progress import open_store


def run(*args: str, url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PROGRESS_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "dashboard.access", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_grant_list_revoke(tmp_path):
    """grant → list shows it → revoke → list is empty; history names the CLI user."""
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    r = run(
        "grant",
        "--email",
        "a@pref.example",
        "--role",
        "editor",
        "--org",
        "hyogo",
        "--org",
        "kobe",
        "--by",
        "山田",
        url=url,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "付与しました: a@pref.example → 編集者（hyogo,kobe）"
    listed = run("list", url=url)
    assert "a@pref.example" in listed.stdout and "兵庫県、神戸市" in listed.stdout
    assert run("revoke", "--email", "a@pref.example", "--by", "山田", url=url).returncode == 0
    assert run("list", url=url).stdout.strip() == "権限はまだ付与されていません。"
    assert set(A.history(open_store(url))["by_subject"]) == {"cli:山田"}


def test_refusals_and_bad_arguments(tmp_path):
    """An editor without --org: exit 1 with the reason; revoking nobody: 1; an unknown org code: 2 (argparse)."""
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    r = run("grant", "--subject", "s", "--role", "editor", "--by", "x", url=url)
    assert r.returncode == 1 and "団体を 1 つ以上" in r.stderr and "Traceback" not in r.stderr
    r = run("revoke", "--subject", "nobody", "--by", "x", "--lang", "en", url=url)
    assert r.returncode == 1 and "nobody has no grant" in r.stderr
    assert run("grant", "--subject", "s", "--role", "editor", "--org", "atlantis", "--by", "x", url=url).returncode == 2
