"""The lock files pin every dependency of pyproject.toml, exactly and with hashes; make uses them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCKS = {"app": (), "test": ("test",), "bench": ("test", "bench")}  # lock file → extras it carries


def pins(path: Path) -> dict[str, str]:
    """Package → pinned version of a lock file; fails on a requirement without == or without a hash."""
    text = path.read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[-1] if text.startswith("#") else text):
        head = block.split("\\", 1)[0].strip()
        if not head or head.startswith("#"):
            continue
        req = Requirement(head.split(";", 1)[0].strip())
        spec = str(req.specifier)
        assert spec.startswith("==") and "," not in spec, f"{path.name}: {head} is not pinned exactly"
        assert "--hash=sha256:" in block, f"{path.name}: {req.name} has no hash"
        out[canonicalize_name(req.name)] = spec[2:]
    return out


def declared(extras: tuple[str, ...]) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [*project["dependencies"], *(d for e in extras for d in project["optional-dependencies"][e])]
    return {canonicalize_name(Requirement(n).name) for n in names}


def test_each_lock_pins_its_dependencies_with_hashes():
    """app.txt has the app's dependencies, test.txt adds the test tools, bench.txt the profiler."""
    for name, extras in LOCKS.items():
        locked = pins(ROOT / "requirements" / f"{name}.txt")
        missing = declared(extras) - set(locked)
        assert not missing, f"requirements/{name}.txt lacks {sorted(missing)}: run make lock"
        assert "setuptools" in locked  # the build backend of the project's own editable install


def test_the_locks_agree_on_shared_packages():
    """A package pinned in more than one lock has the same version in each (one environment)."""
    app, test, bench = (pins(ROOT / "requirements" / f"{n}.txt") for n in LOCKS)
    assert {k: test[k] for k in app} == app
    assert {k: bench[k] for k in test} == test


def test_pins_reject_a_loose_line(tmp_path):
    """The checker itself fails on a range instead of a pin."""
    bad = tmp_path / "x.txt"
    bad.write_text("pandas>=2 \\\n    --hash=sha256:00\n", encoding="utf-8")
    try:
        pins(bad)
    except AssertionError as exc:
        assert "not pinned exactly" in str(exc)
    else:
        raise AssertionError("a loose requirement was accepted")


def test_make_installs_from_the_locks_only():
    """make run and make test install with --require-hashes from the lock files, never from pyproject ranges."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r $(1)" in makefile
    assert "$(call install,requirements/app.txt)" in makefile
    assert "$(call install,requirements/test.txt)" in makefile
    assert not re.search(r"pip install[^\n]*-e '?\.\[", makefile)  # no unpinned extras install
    run = re.search(r"^run: (.*)$", makefile, re.M).group(1)
    assert "APP_STAMP" in run and "--server.address $(ADDRESS)" in makefile
    assert re.search(r"^ADDRESS \?= 127\.0\.0\.1$", makefile, re.M)
