"""Everything that leans on Material for MkDocs' internals, in one place, with its contract.

One thing does, the page template; tests/test_material_theme.py checks it and says what broke if an upgrade does.
(The site has no Material search: the header's one field searches codes with the lookup and prose with the page
index, macros/exports/page_index.py. Material's script still fetches a sitemap.xml beside every
<link rel=alternate>, so the theme puts the alternates in <noscript>: macros/theme/main.html.)

Code pages are out of the nav, so everything Material's main.html renders around them (head,
header, nav, footer, scripts) is the same on every code page of a folder with the same ancestors above its group
(macros/mkdocs_adapter/page_objects.place_code_pages), except seven slots: the title, the description, the
canonical URL, the skip link, the table of contents, the breadcrumb (partials/path.html, with `navigation.path`:
a code page's parent stands for its group and is not in the nav, so only the breadcrumb shows it) and the
content. `PageShells` renders main.html once with a stand-in page whose slots (and URL) hold markers, then gives
each code page the shell with its own slots filled, the regions rendered by Material's own partials
(partials/toc.html, partials/content.html, partials/path.html, with the `lang` module of partials/language.html
and the theme's `features`). A shell with a marker it cannot fill is not used, and the first page of every shell
is also rendered the usual way and compared; on any difference the shell is dropped and its pages take the usual
way. CODE_PAGE_SHELL=false renders every code page the usual way.
"""

from __future__ import annotations

import copy
import posixpath
import re
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import normalize_url

from .page_objects import CatalogPage

MARK = "\ue000"
SLOT = re.compile(f"{MARK}([a-z]+){MARK}")
REGIONS = {"toc": "partials/toc.html", "content": "partials/content.html", "path": "partials/path.html"}
OPTIONAL_REGIONS = {"path": "navigation.path"}
"""Regions base.html renders only with a feature on: the breadcrumb."""
SHELL_META = ("title", "description")
OWN_HEADING = "<h1"


def _slot(name: str) -> str:
    return f"{MARK}{name}{MARK}"


@dataclass(frozen=True)
class Shell:
    """A rendered page template cut at its slots: literal text at even indexes, slot names at odd ones."""

    parts: tuple[str, ...]
    scope: dict[str, Any]
    """What base.html defines for its partials: the `lang` module and the `features` list."""
    around_content: tuple[str, str]
    """What partials/content.html puts before and after a page's content (one that has its own <h1>)."""
    regions: frozenset[str]
    """The regions cut out of this shell (the breadcrumb is not when the feature is off or it is empty)."""

    def fill(self, values: dict[str, str]) -> str:
        """The page with every slot replaced by its value."""
        out = list(self.parts)
        out[1::2] = [values[name] for name in out[1::2]]
        return "".join(out)


class PageShells:
    """Renders code pages from shells, one shell per kind of code page; one instance per build."""

    def __init__(self, env: Environment, enabled: bool = True) -> None:
        self._env = env
        self.enabled = enabled
        self._shells: dict[tuple[Any, ...], Shell | None] = {}
        self._tocs: dict[tuple[Any, ...], str] = {}
        self._paths: dict[tuple[int, str], str] = {}
        self.filled = 0

    def register(self) -> None:
        """Make the shell available to code-page.html as `code_page_shell()`."""

        @pass_context
        def code_page_shell(context: Context) -> str:
            return self.render(context)

        self._env.globals["code_page_shell"] = code_page_shell

    def render(self, context: Context) -> str:
        """The page for this context: from its shell when there is one, through main.html otherwise."""
        variables = context.get_all()
        page: Page = variables["page"]
        if isinstance(page, CatalogPage):
            page.show()
        if not self.enabled:
            return self._full(variables)
        key = _shell_key(page, variables["base_url"])
        if key is None:
            return self._full(variables)
        if key not in self._shells:
            self._shells[key] = shell = self._make_shell(variables)
            if shell is not None and shell.fill(self._values(variables, shell)) != self._full(variables):
                self._shells[key] = None
        shell = self._shells[key]
        if shell is None:
            return self._full(variables)
        self.filled += 1
        return shell.fill(self._values(variables, shell))

    def _full(self, variables: dict[str, Any]) -> str:
        return self._env.get_template("main.html").render(variables)

    def _values(self, variables: dict[str, Any], shell: Shell) -> dict[str, str]:
        page: Page = variables["page"]
        before, after = shell.around_content
        values = {
            "title": str(page.meta["title"]),
            "description": str(page.meta["description"]),
            "canonical": str(page.canonical_url),
            "skip": normalize_url(str(page.toc.items[0].url), page=page, base=variables["base_url"]),
            "toc": self._toc({**variables, **shell.scope}),
            "content": before + str(page.content) + after,
        }
        if "path" in shell.regions:
            values["path"] = self._path({**variables, **shell.scope})
        return values

    def _toc(self, variables: dict[str, Any]) -> str:
        """partials/toc.html for the page, rendered once per shape of table of contents (it shows only the toc)."""
        key = _toc_key(variables["page"].toc.items)
        if key not in self._tocs:
            self._tocs[key] = self._env.get_template(REGIONS["toc"]).render(variables)
        return self._tocs[key]

    def _path(self, variables: dict[str, Any]) -> str:
        """partials/path.html for the page, rendered once per parent and folder (its links are relative)."""
        page: Page = variables["page"]
        key = id(page.parent), _folder(page)
        if key not in self._paths:
            self._paths[key] = self._env.get_template(REGIONS["path"]).render(variables)
        return self._paths[key]

    def _regions(self, variables: dict[str, Any]) -> dict[str, str]:
        features = variables["features"]
        regions = {name: self._env.get_template(partial).render(variables) for name, partial in REGIONS.items()
                   if OPTIONAL_REGIONS.get(name, "") in ("", *features)}
        return {name: text for name, text in regions.items() if text.strip() or name not in OPTIONAL_REGIONS}

    def _make_shell(self, variables: dict[str, Any]) -> Shell | None:
        page: Page = variables["page"]
        stand_in = copy.copy(page)
        stand_in.file = copy.copy(page.file)
        stand_in.file.url = posixpath.join(_folder(page), _slot("url")) + ("/" if page.url.endswith("/") else "")
        stand_in.abs_url = _slot("url")
        stand_in.meta = {**stand_in.meta, **{name: _slot(name) for name in SHELL_META}}
        stand_in.canonical_url = _slot("canonical")
        heading = AnchorLink(_slot("tocitem"), _slot("skip"), 1)
        heading.children.append(AnchorLink(_slot("tocitem"), _slot("tocitem"), 2))
        stand_in.toc = TableOfContents([heading])
        stand_in.content = OWN_HEADING + _slot("content")
        stand_in_variables = {**variables, "page": stand_in}
        text = self._full(stand_in_variables)
        scope = {
            "lang": self._env.get_template("partials/language.html").make_module(stand_in_variables),
            "features": variables["config"].theme.get("features") or [],
        }
        regions = self._regions({**stand_in_variables, **scope})
        for name, rendered in regions.items():
            if text.count(rendered) != 1:
                return None
            text = text.replace(rendered, _slot(name))
        before, marker, after = regions["content"].partition(stand_in.content)
        if not marker:
            return None
        text = text.replace(f"#{_slot('skip')}", _slot("skip"))
        parts = tuple(SLOT.split(text))
        names = set(parts[1::2])
        if names != {*SHELL_META, "canonical", "skip", *regions}:
            return None
        return Shell(parts, scope, (before, after), frozenset(regions))


def _shell_key(page: Page, base_url: str) -> tuple[Any, ...] | None:
    """What a code page's shell depends on, or None when the page does not fit a shell."""
    meta = page.meta
    if not all(isinstance(meta.get(name), str) and meta[name] for name in SHELL_META):
        return None
    if not page.canonical_url or page.previous_page or page.next_page:
        return None
    items = page.toc.items
    if not items or items[0].level != 1 or not items[0].children or OWN_HEADING not in str(page.content):
        return None
    others = repr(sorted((k, v) for k, v in meta.items() if k not in SHELL_META))
    above_parent = tuple(id(item) for item in page.ancestors[1:])
    return _folder(page), base_url, others, above_parent


def _toc_key(items: list[AnchorLink]) -> tuple[Any, ...]:
    return tuple((item.title, item.id, item.level, _toc_key(item.children)) for item in items)


def _folder(page: Page) -> str:
    return posixpath.dirname(page.url.rstrip("/"))
