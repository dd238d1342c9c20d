"""Which files of a data folder the loader reads, passes over, or refuses: nothing is skipped without a word."""

from __future__ import annotations

from pathlib import Path

GROUP_SUFFIXES = frozenset({".yml", ".yaml"})


def ignored(name: str) -> bool:
    """Files the loader passes over: hidden files (editor locks, `.DS_Store`), backups (`x.yml~`, `#x.yml#`) and a
    README."""
    stem, _, suffix = name.partition(".")
    readme = stem.lower() == "readme" and suffix.lower() not in ("yml", "yaml")
    return name.startswith((".", "#")) or name.endswith("~") or readme


def inside(path: Path, root: Path) -> bool:
    """Whether a path, its links followed, stays inside root."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


def unexpected(path: Path, root: Path) -> str | None:
    """Why a path in a catalog folder is not a group file the build can read, or None; root is the data folder."""
    if path.is_symlink() and not inside(path, root):
        return (f"a link to {path.resolve()}, outside {root.name}/: the build reads only the catalog's own "
                "files; copy the file here instead")
    if path.is_dir():
        return ("a folder: group files are read only from the catalog's folder itself, not from folders in "
                "it; move its files up, or out of the data folder")
    if not path.is_file():
        return "not a readable file (a broken link?): remove it"
    if path.suffix not in GROUP_SUFFIXES:
        return (f"not a group file: a catalog folder holds catalog.yml and group files (*.yml) only, and a "
                f"README; move {path.name} out of the data folder")
    return None
