"""Read and check the initiative parquet → typed DataFrame; a typed error per problem.

The table's dtypes are decided here (`typed`), for the build and for every reader."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from . import i18n
from .paths import data_path
from .schema import CATEGORIES, COLUMNS, METADATA_KEY, NULLABLE, REPEATED_TEXT, Col

INT_DTYPES = {Col.SEQ: "int32", Col.PAGE: "int8", Col.LEVEL: "int8", Col.N_CHILDREN: "int16", Col.ORDER: "int16"}


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """Cast columns to the schema's dtypes: ordered categoricals, small ints, strings (a new frame).

    The per-area and per-phase texts repeated on every row (REPEATED_TEXT) are unordered
    categoricals: codes instead of a string per row (30 MB less at 100,000 rows, and again in every
    filtered frame); their values read the same everywhere."""
    out = df.copy()
    for col, kind in COLUMNS.items():
        if col not in out.columns:
            continue
        if kind == "category":
            out[col] = pd.Categorical(out[col].astype("string"), categories=list(CATEGORIES[col]), ordered=True)
        elif col in REPEATED_TEXT:
            out[col] = out[col].astype("string").astype("category")
        elif kind == "int":
            out[col] = out[col].astype(INT_DTYPES[col])
        elif kind == "bool":
            out[col] = out[col].astype("bool")
        elif kind == "list":
            continue  # 1-D numpy arrays, left as they are
        else:
            out[col] = out[col].astype("string")
    return out


class LoadError(Exception):
    """The data file cannot be used; `message(lang)` explains it to a user."""

    key = "load.unreadable"

    def __init__(self, path: Path, **fields: object):
        self.path = Path(path)
        self.fields = fields
        super().__init__(self.message("en"))

    def message(self, lang: str = "ja") -> str:
        t = i18n.catalogue(lang)
        return f"{t(self.key, path=self.path, **self.fields)} {t('load.rebuild')}"


class DataFileMissing(LoadError):
    key = "load.missing"


class DataFileUnreadable(LoadError):
    key = "load.unreadable"


class DataFileEmpty(LoadError):
    key = "load.empty"


class MissingColumns(LoadError):
    key = "load.columns"


class WrongType(LoadError):
    key = "load.types"


class MissingValues(LoadError):
    key = "load.nulls"


class UnknownCategories(LoadError):
    key = "load.categories"


class DuplicateIds(LoadError):
    key = "load.duplicate_ids"


class MissingParents(LoadError):
    key = "load.parents"


class MissingMetadata(LoadError):
    key = "load.metadata"


def _sample(values) -> str:
    values = [str(v) for v in values]
    return ", ".join(values[:5]) + (" …" if len(values) > 5 else "")


def _check_types(df: pd.DataFrame, path: Path) -> None:
    for col, kind in COLUMNS.items():
        s = df[col]
        if kind == "int":
            ok = pd.api.types.is_integer_dtype(s.dtype)
        elif kind == "bool":
            ok = pd.api.types.is_bool_dtype(s.dtype)
        elif kind == "category":
            ok = isinstance(s.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(s.dtype)
        elif kind == "list":  # pyarrow list<…> read as 1-D numpy arrays (or Python lists)
            ok = s.dtype == object and s.map(lambda v: isinstance(v, (list, np.ndarray)) and np.ndim(v) == 1).all()
        else:
            if isinstance(s.dtype, pd.CategoricalDtype):  # text stored dictionary-encoded is still text
                s = s.astype(object)
            ok = pd.api.types.is_string_dtype(s.dtype) or (s.dtype == object and s.dropna().map(type).eq(str).all())
        if not ok:
            raise WrongType(path, column=col, detail=str(s.dtype))


def load_with_meta(path: Path | str | None = None) -> tuple[pd.DataFrame, dict]:
    """Read the parquet at `path` (default: data_path()) and check it against the schema."""
    path = Path(path) if path is not None else data_path()
    if not path.is_file():
        raise DataFileMissing(path)
    try:
        table = pq.read_table(path)
        df = table.to_pandas()
    except Exception as exc:  # pyarrow raises several types for corrupt files
        raise DataFileUnreadable(path, detail=type(exc).__name__) from exc
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise MissingColumns(path, columns=", ".join(missing))
    if df.empty:
        raise DataFileEmpty(path)
    _check_types(df, path)
    for col in COLUMNS:
        if col not in NULLABLE:
            n = int(df[col].isna().sum())
            if n:
                raise MissingValues(path, column=col, n=n)
    for col, cats in CATEGORIES.items():
        unknown = set(df[col].astype("string").dropna()) - set(cats)
        if unknown:
            raise UnknownCategories(path, column=col, values=_sample(sorted(unknown)))
    dup = df[Col.ID][df[Col.ID].duplicated()]
    if len(dup):
        raise DuplicateIds(path, values=_sample(dup))
    parents = set(df[Col.PARENT_ID].dropna()) - set(df[Col.ID])
    if parents:
        raise MissingParents(path, values=_sample(sorted(parents)))
    raw_meta = (table.schema.metadata or {}).get(METADATA_KEY)
    try:
        meta = json.loads(raw_meta) if raw_meta else None
    except ValueError:
        meta = None
    if not isinstance(meta, dict):
        raise MissingMetadata(path)
    return typed(df[list(COLUMNS)]), meta


def load(path: Path | str | None = None) -> pd.DataFrame:
    """The typed initiative table (categoricals in plan order)."""
    return load_with_meta(path)[0]
