"""Generated pages and files that would land where a file of docs/ already is, found before anything is written.

A code named `handling` beside `docs/<catalog>/handling.md`, a catalog named `stylesheets` with a
code `extra.css` beside `docs/stylesheets/extra.css`, a catalog named like a top-level page:
each would replace a hand-written file, or need a folder where a file is. Pure: the catalogs
and the paths of docs/ in, problems at the catalog line that causes them out.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator

from . import outputs, urls
from ..catalog.model import Catalog, Location
from ..catalog.problems import Problem


def destination(src: str) -> str:
    """Where a file of docs/ ends up in the site: a page at `<site path>index.html`, any other file as it is."""
    return urls.site_path(src) + "index.html" if src.endswith(".md") else src


def replaceable(catalog: Catalog) -> frozenset[str]:
    """The generated pages a page of docs/ at the same source path replaces: overview, error format, retries."""
    return frozenset(o.at(catalog.id) for o in outputs.replaceable_pages(catalog))


def _outputs(catalog: Catalog) -> Iterator[tuple[str, Location, str, str]]:
    """Every page and file the build makes for a catalog (the URL scheme's lists): (source path, where the catalog
    causes it, field, what)."""
    causes = {outputs.GROUP_TABLE.at(catalog.id, g.id): (g.location, "group.id", f"group {g.id!r}")
              for g in catalog.groups}
    causes.update({urls.code_src(catalog, ref): (entries[0].location, "code", f"code {catalog.ref_label(ref)!r}")
                   for ref, entries in catalog.codes.items()})
    home = (outputs.home(catalog), "", f"the catalog {catalog.id!r}")
    for src in (*urls.generated_srcs(catalog), *outputs.file_paths(catalog)):
        yield (src, *causes.get(src, home))


def collisions(catalogs: Iterable[Catalog], docs_files: Iterable[str]) -> list[Problem]:
    """Every generated page or file that would replace a file of docs/, or need a folder where one of its files is.

    A page docs/ has at a generated page's own source path (an overview, an error format or retry page
    written by hand) replaces that page by design, and is not a collision.
    """
    sources = set(docs_files)
    taken = {destination(src): src for src in sources}
    folders: dict[str, str] = {}
    for dest, src in taken.items():
        parent = posixpath.dirname(dest)
        while parent:
            folders.setdefault(parent, src)
            parent = posixpath.dirname(parent)
    problems = [Problem(f"docs/{taken[name]}", 1, "", f"the build writes its own /{name}: rename or remove this "
                                                       "file") for name in (o.path for o in outputs.SITE_OUTPUTS)
                if name in taken]
    for catalog in catalogs:
        written_instead = replaceable(catalog) & sources
        for src, where, field, what in _outputs(catalog):
            if src in written_instead:
                continue
            dest = destination(src)
            clash = taken.get(dest) or folders.get(dest)
            parent = posixpath.dirname(dest)
            while clash is None and parent:
                clash = taken.get(parent)
                parent = posixpath.dirname(parent)
            if clash is not None:
                problems.append(Problem(where.file, where.line, field, f"{what} would take /{dest}, where "
                                        f"docs/{clash} already goes: rename the file in docs/, or rename {what}"))
    return problems
