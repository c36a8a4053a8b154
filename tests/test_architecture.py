"""House rules that keep the code easy to change: the UI layer alone imports streamlit; no import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "dashboard"
PACKAGE = "dashboard"
UI_PACKAGE = f"{PACKAGE}.ui"


def module_name(path: Path, src: Path = SRC) -> str:
    """`src/dashboard/ui/data.py` → `dashboard.ui.data` (a package's `__init__.py` → the package)."""
    parts = [src.name, *path.relative_to(src).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path, src: Path = SRC, modules: frozenset[str] = frozenset()) -> set[str]:
    """Absolute names of the modules `path` imports, at any depth (functions included; not under
    `if TYPE_CHECKING:`). `from pkg import x` names the module `pkg.x` when that is one of `modules`
    (so a package's modules importing each other through it are not a cycle), else `pkg`."""
    name = module_name(path, src)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                subs = {f"{target}.{a.name}" for a in child.names} & modules
                found.update(subs or {target})
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def graph(src: Path = SRC) -> dict[str, set[str]]:
    """Module → the package's modules it imports."""
    files = {module_name(p, src): p for p in src.rglob("*.py")}
    names = frozenset(files)
    return {name: {m for m in imports(p, src, names) if m in files and m != name} for name, p in files.items()}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(g[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(g):
        if v not in index:
            connect(v)
    return out


def streamlit_importers(src: Path = SRC) -> list[str]:
    """Modules outside `dashboard.ui` that import streamlit."""
    return sorted(
        module_name(p, src)
        for p in src.rglob("*.py")
        if not (module_name(p, src) + ".").startswith(UI_PACKAGE + ".")
        and any(m == "streamlit" or m.startswith("streamlit.") for m in imports(p, src))
    )


def test_only_the_ui_layer_imports_streamlit():
    """No module of src/dashboard outside dashboard.ui imports streamlit (app.py and views/ may)."""
    assert streamlit_importers() == []


def test_no_import_cycles():
    """The modules of src/dashboard import each other without a cycle (imports inside functions count)."""
    assert cycles(graph()) == []


def test_the_checks_catch_a_cycle_and_a_stray_import(tmp_path):
    """A planted cycle (a → b → a, one import inside a function) and a streamlit import are both found."""
    pkg = tmp_path / PACKAGE
    (pkg / "ui").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "ui" / "__init__.py").write_text("import streamlit as st\n")
    (pkg / "a.py").write_text("from . import b\n")
    (pkg / "b.py").write_text("def f():\n    from .a import g\n")
    (pkg / "c.py").write_text("from streamlit import session_state\n")
    (pkg / "d.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .c import x\n")
    assert cycles(graph(pkg)) == [["dashboard.a", "dashboard.b"]]
    assert streamlit_importers(pkg) == ["dashboard.c"]


def test_the_ui_never_writes_as_the_command_line_user():
    """No UI module makes a system User (the write path trusts role=system): browsers write as the signed-in person."""
    ui = [*(SRC / "ui").rglob("*.py"), ROOT / "app.py", *(ROOT / "views").glob("*.py")]
    offenders = [
        str(p.relative_to(ROOT))
        for p in ui
        if "User.system" in p.read_text(encoding="utf-8") or '"system"' in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
