"""Streamlit's static folder pre-compressed once into a folder of ours, for nginx's gzip_static / brotli_static.

    python -m deploy.assets [--dest var/deploy/static] [--quality 11]   # prints the folder nginx serves

The copy lives in `<dest>/<streamlit version>-<digest>/` (the digest covers every file's name and size, so
a reinstalled or patched Streamlit gets a new folder); each compressible file gets `.gz` and `.br` siblings
when they are smaller. Built in a temporary folder and renamed into place: a half-built copy is never served.
Nothing is written into site-packages.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DEST = ROOT / "var" / "deploy" / "static"
COMPRESSIBLE = (".js", ".css", ".html", ".json", ".svg", ".map", ".txt", ".ttf", ".otf", ".wasm")
MIN_SIZE = 1024  # bytes; smaller files are sent as they are (nginx's gzip_min_length too)
DONE = ".complete"  # written last: the folder is whole


def streamlit_static() -> Path:
    """The folder Streamlit serves at `/` (index.html, static/js/…)."""
    from streamlit import file_util

    return Path(file_util.get_static_dir())


def digest(src: Path) -> str:
    """A short digest of every file's relative path and size under `src`."""
    h = hashlib.sha256()
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        h.update(f"{path.relative_to(src).as_posix()}\0{path.stat().st_size}\n".encode())
    return h.hexdigest()[:12]


def _compress(job: tuple[str, int]) -> tuple[str, int, int, int]:
    """Write FILE.gz and FILE.br next to FILE when they are smaller; (file, size, gz size, br size)."""
    name, quality = job
    path = Path(name)
    data = path.read_bytes()
    sizes = [len(data)]
    for suffix, packed in (
        (".gz", gzip.compress(data, compresslevel=9, mtime=0)),
        (".br", brotli.compress(data, quality=quality)),
    ):
        if len(packed) < len(data):
            Path(name + suffix).write_bytes(packed)
            sizes.append(len(packed))
        else:
            sizes.append(len(data))
    return (name, *sizes)


def precompress(src: Path, out: Path, quality: int = 11, workers: int | None = None) -> dict[str, int]:
    """Copy `src` to `out` (which must not exist) with .gz/.br siblings; totals of bytes as plain, gzip, brotli."""
    shutil.copytree(src, out, ignore=shutil.ignore_patterns("*.gz", "*.br"))
    jobs = [
        (str(p), quality)
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in COMPRESSIBLE and p.stat().st_size >= MIN_SIZE
    ]
    totals = {"files": len(jobs), "plain": 0, "gzip": 0, "brotli": 0}
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        for _, plain, gz, br in pool.map(_compress, jobs, chunksize=4):
            totals["plain"] += plain
            totals["gzip"] += gz
            totals["brotli"] += br
    for path in out.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)  # nginx's workers read it as an unprivileged user
    out.chmod(0o755)
    return totals


def ensure(dest: Path = DEFAULT_DEST, quality: int = 11, src: Path | None = None, log=print) -> Path:
    """The pre-compressed copy of Streamlit's static folder under `dest`, built when missing."""
    import streamlit

    src = src or streamlit_static()
    target = Path(dest) / f"{streamlit.__version__}-{digest(src)}"
    if (target / DONE).is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    log(f"pre-compressing Streamlit's static files into {target} (once per Streamlit version) …")
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        totals = precompress(src, tmp / "copy", quality)
        (tmp / "copy" / DONE).write_text(f"{totals}\n", encoding="utf-8")
        (tmp / "copy" / DONE).chmod(0o644)
        if target.exists():  # an interrupted earlier build
            shutil.rmtree(target)
        os.replace(tmp / "copy", target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log(
        f"  {totals['files']} files: {totals['plain'] / 1e6:.1f} MB → gzip {totals['gzip'] / 1e6:.1f} MB, "
        f"brotli {totals['brotli'] / 1e6:.1f} MB"
    )
    target.parent.chmod(0o755)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.assets", description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST, help=f"where the copies go (default {DEFAULT_DEST})")
    parser.add_argument("--quality", type=int, default=11, help="Brotli quality 0–11 (default 11)")
    args = parser.parse_args(argv)
    print(ensure(args.dest, args.quality, log=lambda m: print(m, file=sys.stderr)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
