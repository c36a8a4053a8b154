"""deploy.assets: a pre-compressed copy of a static folder, built once, decoding to the original bytes."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from deploy.assets import digest, ensure


def static_folder(root: Path) -> Path:
    src = root / "src"
    (src / "static" / "js").mkdir(parents=True)
    (src / "static" / "media").mkdir()
    (src / "index.html").write_text("<!doctype html>" + "<p>関西</p>" * 200, encoding="utf-8")
    (src / "static" / "js" / "big.abc123.js").write_text("function f(){return 1}\n" * 2000)
    (src / "static" / "js" / "tiny.js").write_text("x=1")
    (src / "static" / "media" / "font.woff2").write_bytes(bytes(range(256)) * 40)
    return src


def test_compressible_files_get_gz_and_br_siblings_that_decode_to_them(tmp_path: Path):
    """Big text files get .gz and .br (smaller, exact round trip); tiny files and fonts are left alone."""
    src = static_folder(tmp_path)
    out = ensure(tmp_path / "dest", quality=5, src=src, log=lambda m: None)
    js = out / "static" / "js" / "big.abc123.js"
    assert gzip.decompress((out / "static/js/big.abc123.js.gz").read_bytes()) == js.read_bytes()
    assert brotli.decompress((out / "static/js/big.abc123.js.br").read_bytes()) == js.read_bytes()
    assert (out / "static/js/big.abc123.js.br").stat().st_size < js.stat().st_size / 10
    assert (out / "index.html.br").is_file()
    assert not (out / "static/js/tiny.js.gz").exists() and not (out / "static/media/font.woff2.br").exists()
    assert (out / "static/js/big.abc123.js").read_bytes() == (src / "static/js/big.abc123.js").read_bytes()
    assert not list(src.rglob("*.br"))  # nothing written into the source folder


def test_a_second_start_reuses_the_copy_and_a_changed_folder_gets_a_new_one(tmp_path: Path):
    """The copy is keyed on Streamlit's version and the files' names and sizes."""
    src = static_folder(tmp_path)
    first = ensure(tmp_path / "dest", quality=5, src=src, log=lambda m: None)
    stamp = (first / "static/js/big.abc123.js.br").stat().st_mtime_ns
    assert ensure(tmp_path / "dest", quality=5, src=src, log=lambda m: None) == first
    assert (first / "static/js/big.abc123.js.br").stat().st_mtime_ns == stamp
    before = digest(src)
    (src / "static" / "js" / "new.js").write_text("y=2;" * 500)
    assert digest(src) != before
    second = ensure(tmp_path / "dest", quality=5, src=src, log=lambda m: None)
    assert second != first and (second / "static/js/new.js.gz").is_file()
