"""dashboard.load: typed table from the parquet, one typed error per broken-file case."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard import load as L
from dashboard.build import write_parquet
from dashboard.paths import DEFAULT_PARQUET, ENV_VAR, data_path
from dashboard.schema import METADATA_KEY, Col


def test_load_types(committed):
    """Categoricals come back ordered in plan order; ints and bools typed."""
    df, meta = committed
    assert df[Col.AREA].cat.ordered and next(iter(df[Col.AREA].cat.categories)) == "ライフサイエンス"
    assert df[Col.ACTOR].cat.categories.tolist() == ["関西広域連合", "構成府県市"]
    assert df[Col.LEVEL].dtype == "int8" and df[Col.TENTATIVE].dtype == bool
    assert meta["plan"]["vision_2040"][0].startswith("「世界の中で輝き")


def test_env_var_points_elsewhere(monkeypatch, tmp_path):
    """INITIATIVES_PATH selects the data file; empty means the default."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "x.parquet"))
    assert data_path() == tmp_path / "x.parquet"
    monkeypatch.setenv(ENV_VAR, "")
    assert data_path() == DEFAULT_PARQUET


def _write(df: pd.DataFrame, path, meta=None) -> None:
    table = pa.Table.from_pandas(df, preserve_index=False)
    if meta is not None:
        table = table.replace_schema_metadata(
            {**(table.schema.metadata or {}), METADATA_KEY: json.dumps(meta).encode()}
        )
    pq.write_table(table, path)


def _break(kind, df, meta, path):
    df = df.copy()
    if kind == "missing":
        return
    if kind == "empty_bytes":
        path.write_bytes(b"")
        return
    if kind == "not_parquet":
        path.write_text("id,text\n1,x\n", encoding="utf-8")
        return
    if kind == "truncated":
        write_parquet(df, meta, path)
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        return
    if kind == "no_rows":
        df = df.iloc[0:0]
    elif kind == "missing_column":
        df = df.drop(columns=[Col.TEXT])
    elif kind == "wrong_type":
        df[Col.LEVEL] = df[Col.LEVEL].astype(str)
    elif kind == "null_text":
        df[Col.TEXT] = df[Col.TEXT].astype(object)
        df.loc[3, Col.TEXT] = None
    elif kind == "unknown_category":
        df[Col.AREA] = df[Col.AREA].astype(str)
        df.loc[0, Col.AREA] = "宇宙"
    elif kind == "duplicate_id":
        df.loc[1, Col.ID] = df.loc[0, Col.ID]
    elif kind == "missing_parent":
        i = df.index[df[Col.LEVEL] == 2][0]
        df.loc[i, Col.PARENT_ID] = "nope-01"
    elif kind == "no_metadata":
        _write(df, path)
        return
    _write(df, path, meta)


CASES = [
    ("missing", L.DataFileMissing),
    ("empty_bytes", L.DataFileUnreadable),
    ("not_parquet", L.DataFileUnreadable),
    ("truncated", L.DataFileUnreadable),
    ("no_rows", L.DataFileEmpty),
    ("missing_column", L.MissingColumns),
    ("wrong_type", L.WrongType),
    ("null_text", L.MissingValues),
    ("unknown_category", L.UnknownCategories),
    ("duplicate_id", L.DuplicateIds),
    ("missing_parent", L.MissingParents),
    ("no_metadata", L.MissingMetadata),
]


@pytest.mark.parametrize(("kind", "error"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_raises_its_error(tmp_path, committed, kind, error):
    """Each broken-file case raises its own LoadError subclass with a message naming the file and the fix."""
    path = tmp_path / "broken.parquet"
    _break(kind, *committed, path)
    with pytest.raises(error) as exc:
        L.load(path)
    assert type(exc.value) is error
    for lang, fix in (("ja", "make data"), ("en", "make data")):
        msg = exc.value.message(lang)
        assert str(path) in msg and fix in msg
    assert "データファイル" in exc.value.message("ja") or "列" in exc.value.message("ja")
