"""Read reports back for the tests: PDF text per page with positions (pypdf), PowerPoint shapes (python-pptx)."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

from pptx import Presentation
from pypdf import PdfReader
from tables import make_table

from dashboard.build import typed

A4_LANDSCAPE = (841.89, 595.28)  # points
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text without any whitespace (line breaks fall where the layout puts them)."""
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class Run:
    text: str
    x: float
    y: float
    size: float


def pdf_pages(data: bytes) -> list[tuple[str, list[Run]]]:
    """(text, text runs with their position) of every page."""
    out = []
    for page in PdfReader(io.BytesIO(data)).pages:
        runs: list[Run] = []

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append(Run(text, x, y, size * (tm[0] or 1) * (cm[0] or 1)))

        text = page.extract_text(visitor_text=visit)
        out.append((text, runs))
    return out


def pdf_text(data: bytes) -> str:
    return squash("".join(t for t, _ in pdf_pages(data)))


def em_width(text: str) -> float:
    """Width of `text` in ems, full-width characters 1, others at most 0.65."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.65 for ch in text)


def slides(data: bytes):
    return list(Presentation(io.BytesIO(data)).slides)


def shape_of(slide, kind: str):
    """The first table ('table') or chart ('chart') on a slide."""
    attr = "has_table" if kind == "table" else "has_chart"
    return next(s for s in slide.shapes if getattr(s, attr, False))


def long_item_table(text: str):
    """A small typed table (su only) whose first item is `text`, with the metadata a report needs."""
    df = make_table([("su", "2024", "union", 1), ("su", "2025", "union", 1), ("su", "2024", "members", 1)])
    df = df.assign(text=df["text"].astype(object))
    df.loc[df.index[0], "text"] = text
    meta = {
        "plan": {"title": ["テスト計画"], "issued": ["2024年7月"], "publisher": ["関西広域連合"]},
        "areas": [{"code": "su", "vision": "ビジョン", "vision_note": None, "themes": {}}],
        "data_version": "test",
    }
    return typed(df), meta
