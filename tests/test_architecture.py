"""ARCHITECTURE.md stays true: every module and folder it names exists, and every module of macros/ is named."""

from __future__ import annotations

import re

from conftest import ROOT

TEXT = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "macros"


def named() -> dict[str, set[str]]:
    """The modules the document names, by the folder its table row is about."""
    rows = re.findall(r"^\| `macros/([\w/]+)/` \| (.+) \|$", TEXT, re.M)
    return {folder: set(re.findall(r"`(\w+\.py)`", text)) for folder, text in rows}


def test_every_path_it_names_exists() -> None:
    paths = set(re.findall(r"`((?:macros|docs|tests|data)/[\w./-]*)`", TEXT))
    assert paths, "the document names no paths"
    assert sorted(p for p in paths if not (ROOT / p).exists()) == []
    for folder, modules in named().items():
        assert sorted(m for m in modules if not (PACKAGE / folder / m).is_file()) == [], folder


def test_every_module_of_the_package_is_named() -> None:
    rows = named()
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders == set(rows), "each subpackage of macros/ has its row"
    for folder in folders:
        modules = {p.name for p in (PACKAGE / folder).glob("*.py") if not p.name.startswith("__")}
        assert sorted(modules - rows[folder]) == [], f"macros/{folder}/ has modules ARCHITECTURE.md does not name"


def test_nothing_outside_the_adapter_imports_mkdocs() -> None:
    leaning = sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
                     if "mkdocs_adapter" not in p.parts and "__pycache__" not in p.parts
                     and re.search(r"^\s*(from|import) (mkdocs|material)\b", p.read_text(encoding="utf-8"), re.M))
    assert leaning == []
