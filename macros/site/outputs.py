"""What the site publishes, declared once: every page and file, where it lives, what it is called, who builds it.

Each `Published` names one output of the site, of a catalog, of a group or of a code. Paths are
templates: pages by their source path under docs/ (`{catalog}/retries.md`), files by their site
path (`{catalog}/openapi.json`). URLs, the names a catalog may not take, the collision check,
the nav, llms.txt, the downloads page, the ledger and the writing of files all read this table;
adding an output is one entry here and its builder. Pure: it imports the model only, and names
builders as `module:attribute` under macros/ so that the MkDocs side resolves them.
"""

from __future__ import annotations

import importlib
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from ..catalog.model import Catalog, Location

ROOT_PACKAGE = __package__.rsplit(".", 1)[0]
"""The package builders are named in (`macros`): `site.markdown_pages:overview_page` is its module and attribute."""
Scope = Literal["site", "catalog", "group", "code"]
NavPlace = Literal["pages", "after-tables", "team"]
"""Where a catalog's page sits in the nav: in its section before the tables or after them, or, for the people who
run the site, in the section for the API team (macros/site/navigation.py)."""


def _always(catalog: Catalog) -> bool:
    return True


def _with_releases(catalog: Catalog) -> bool:
    return bool(catalog.releases)


@dataclass(frozen=True)
class Published:
    """One page or file of the site, as a template over catalogs, groups or codes."""

    key: str
    path: str
    title: str
    builder: str
    was: str = ""
    """What the URL shows, as the ledger of published URLs records it (after `<catalog>: `)."""
    about: str = ""
    """One sentence for readers of llms.txt and the downloads page (Markdown: `code` only); empty: not listed."""
    nav: NavPlace | None = None
    hand_written: bool = False
    """Whether a page in docs/ at the same source path replaces the generated one."""
    attachment: bool = False
    """Whether a link to the file downloads it (a file a program keeps, not one it reads over HTTP)."""
    when: Callable[[Catalog], bool] = _always
    twins: tuple[str, ...] = ()
    after_pages: bool = False
    """Whether the file is made from the rendered pages, so written once every page is (a site file only)."""

    @property
    def scope(self) -> Scope:
        """Which thing the output is one of: the site, a catalog, a group or a code."""
        if "{code}" in self.path:
            return "code"
        if "{group}" in self.path:
            return "group"
        return "catalog" if "{catalog}" in self.path else "site"

    @property
    def is_page(self) -> bool:
        """Pages are Markdown sources MkDocs renders; the other outputs are written as they are."""
        return self.path.endswith(".md")

    @property
    def name(self) -> str:
        """The file's name, as a reader sees it in a listing."""
        return posixpath.basename(self.path)

    def at(self, catalog_id: str = "", group_id: str = "") -> str:
        """The output's path for a catalog (and group): a source path for a page, a site path for a file."""
        return self.path.replace("{catalog}", catalog_id).replace("{group}", group_id)

    def site_path(self, catalog_id: str = "", group_id: str = "") -> str:
        """Where the output is in the site, relative to its root (`composio/retries/`, `composio/openapi.json`)."""
        path = self.at(catalog_id, group_id)
        return site_path(path) if self.is_page else path

    def url(self, catalog_id: str = "", group_id: str = "") -> str:
        """The output's URL path: its site path with a leading slash."""
        return "/" + self.site_path(catalog_id, group_id)

    def first_name(self) -> str:
        """The name the output takes in its catalog's folder (or at the top of the site): no catalog, system, group
        or code may take it."""
        rest = self.path.removeprefix("{catalog}/")
        head = rest.split("/", 1)[0]
        return head.removesuffix(".md") if head == rest else head

    def builds(self) -> Any:
        """The function (or page class) that builds the output."""
        module, _, attribute = self.builder.partition(":")
        return getattr(importlib.import_module(f"{ROOT_PACKAGE}.{module}"), attribute)


CATALOG_INDEX = Published(
    "catalog-index", "catalog.json", "catalog.json", "exports.catalog_data:index_file",
    about="Every catalog and entry in full, for programs.")
CATALOG_SCHEMA = Published(
    "catalog-schema", "catalog.schema.json", "JSON Schema of catalog.json", "exports.catalog_data:schema_file",
    about="The JSON Schema that `catalog.json` and each catalog's slice follow.")
LLMS = Published("llms", "llms.txt", "llms.txt", "exports.llms:llms_file")
LOOKUP_INDEX = Published("lookup-index", "lookup-index.json", "Lookup index", "exports.lookup:lookup_file")
PAGE_INDEX = Published("page-index", "page-index.json", "Page index", "exports.page_index:page_index_file",
                       after_pages=True)
FEED_STYLE = Published(
    "feed-style", "feed.css", "Stylesheet of the feeds", "exports.feeds:style_file",
    about="How a browser shows each catalog's Atom feed (`changes.xml`) as a page; feed readers ignore it.")

OVERVIEW = Published(
    "overview", "{catalog}/index.md", "Overview", "site.markdown_pages:overview_page", was="the catalog's overview",
    about="The catalog's code systems and groups, and a table of every code.", hand_written=True)
ERROR_FORMAT = Published(
    "error-format", "{catalog}/error-format.md", "Error format", "site.markdown_pages:error_format_page",
    was="the error format page", about="The shape of the catalog's error response, field by field.", nav="pages",
    hand_written=True)
RETRIES = Published(
    "retries", "{catalog}/retries.md", "Retry guidance", "site.markdown_pages:retry_page", was="the retry guidance page",
    about="Which errors to retry, when and how, by HTTP status and by code.", nav="pages", hand_written=True)
HEALTH = Published(
    "health", "{catalog}/health.md", "Catalog health", "mkdocs_adapter.page_objects:HealthPage", was="the catalog health page",
    nav="team")
CHANGES = Published(
    "changes", "{catalog}/changes.md", "Changes", "mkdocs_adapter.page_objects:ChangesPage", was="the changes page",
    about="What each release changed, with an Atom feed.", nav="after-tables", when=_with_releases)
DOWNLOADS = Published(
    "downloads", "{catalog}/downloads/index.md", "Files for programs", "mkdocs_adapter.page_objects:DownloadsPage",
    was="the page on its files for programs", nav="after-tables",
    about="How a program uses each of the catalog's files, with examples that run.")
GROUP_TABLE = Published(
    "group", "{catalog}/ranges/{group}.md", "Table", "mkdocs_adapter.page_objects:TablePage")
CODE_PAGE = Published(
    "code", "{catalog}/{code}.md", "Code page", "mkdocs_adapter.page_objects:CodePage", twins=("index.json", "index.md"))
"""A code of the primary system; a secondary system's codes are at `{catalog}/<system>/{code}.md` (urls.code_src)."""

PYTHON_CONSTANTS = Published(
    "python", "{catalog}/downloads/errors.py", "Python constants", "exports.client_code:python_file",
    was="its codes as constants (py)", attachment=True,
    about="Every code as a Python constant (code, name, HTTP status, retry verdict, lifecycle, page), and "
          "`from_response`, which finds the entry of an error response.")
TYPESCRIPT_CONSTANTS = Published(
    "typescript", "{catalog}/downloads/errors.ts", "TypeScript constants", "exports.client_code:typescript_file",
    was="its codes as constants (ts)", attachment=True,
    about="The same for TypeScript, with `fromResponse`; it type-checks under `tsc --strict`.")
SPREADSHEET = Published(
    "spreadsheet", "{catalog}/downloads/errors.csv", "Spreadsheet", "exports.spreadsheet:csv_file",
    was="its entries as a spreadsheet (CSV)", attachment=True,
    about="One row per entry, to sort and filter in a spreadsheet: code, name, code system, group, HTTP status, "
          "retry verdict, severity, lifecycle, description, fixes, messages and page (RFC 4180 CSV, UTF-8).")
OPENAPI = Published(
    "openapi", "{catalog}/openapi.json", "OpenAPI components", "exports.openapi:openapi_file",
    was="its errors as OpenAPI components",
    about="OpenAPI 3.1 components: the error envelope as a schema, each code system's codes as an enum, and one "
          "response per HTTP status listing its codes.")
CATALOG_SLICE = Published(
    "catalog-slice", "{catalog}/catalog.json", "catalog.json slice", "exports.catalog_data:slice_file",
    was="its slice of catalog.json", about="Every entry in full, as JSON.")
LLMS_FULL = Published(
    "llms-full", "{catalog}/llms-full.txt", "Every entry, compact", "exports.llms:llms_full_file",
    was="every entry, compact, for language models",
    about="Every entry in a few lines of Markdown, for a language model.")
CHANGES_FEED = Published(
    "changes-feed", "{catalog}/changes.xml", "Atom feed of releases", "exports.feeds:atom_file",
    was="the Atom feed of its releases", when=_with_releases)
CHANGES_JSON = Published(
    "changes-json", "{catalog}/changes.json", "Releases as JSON", "exports.feeds:changes_file", was="its releases as JSON",
    about="What each release added, deprecated, removed and changed.", when=_with_releases)

SITE_OUTPUTS = (CATALOG_INDEX, CATALOG_SCHEMA, LLMS, LOOKUP_INDEX, PAGE_INDEX, FEED_STYLE)
CATALOG_PAGES = (OVERVIEW, ERROR_FORMAT, RETRIES, HEALTH, CHANGES, DOWNLOADS)
CATALOG_FILES = (PYTHON_CONSTANTS, TYPESCRIPT_CONSTANTS, SPREADSHEET, OPENAPI, CATALOG_SLICE, LLMS_FULL, CHANGES_FEED,
                 CHANGES_JSON)
"""In the order the ledger, llms.txt and the downloads page list them."""

THEME_NAMES = frozenset({"index.html", "readme", "readme.md", "assets", "search", "sitemap.xml", "404.html"})
"""Names MkDocs and Material take at the top of the site or of any folder: pages, the theme's assets, search."""


def reserved_names() -> frozenset[str]:
    """Every name a catalog, code system, group or code cannot take (compared in lower case)."""
    names = {o.first_name() for o in (*SITE_OUTPUTS, *CATALOG_PAGES, *CATALOG_FILES, GROUP_TABLE)}
    return frozenset(names | set(CODE_PAGE.twins) | THEME_NAMES)


def replaceable_pages(catalog: Catalog) -> list[Published]:
    """The catalog's pages that a page of docs/ at the same source path replaces (overview, error format, retries)."""
    return [o for o in CATALOG_PAGES if o.hand_written and o.when(catalog)]


def catalog_outputs(catalog: Catalog) -> Iterator[Published]:
    """The catalog's own pages and files (not its groups' and codes'), in the order they are listed."""
    return (o for o in (*CATALOG_PAGES, *CATALOG_FILES) if o.when(catalog))


@dataclass(frozen=True)
class Site:
    """What a builder of a file knows about the build: the catalogs and where the site is published."""

    catalogs: tuple[Catalog, ...]
    site_url: str | None
    site_name: str = ""
    summary: str = ""
    redirects: tuple[Any, ...] = ()
    _memo: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)
    kept: dict[tuple[str, ...], str] | None = field(default=None, compare=False, repr=False)
    """Pieces of files that earlier builds of the same serving process made, by the digest of what they read
    (`piece`); None outside `make serve`."""
    moved_rows: Mapping[str, tuple[tuple[str, Any], ...]] = field(default_factory=dict, compare=False, repr=False)
    """By a group table's site path: the published row anchors whose entries moved to another table (ledger.py)."""
    _used: set[tuple[str, ...]] = field(default_factory=set, compare=False, repr=False)
    page_texts: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """By page URL: the prose of each page for the page index (exports/page_index.py), filled as pages render."""

    @property
    def base(self) -> str:
        """The path the site is served under, with a slash at each end (`/`, `/docs/`)."""
        path = urlsplit(self.site_url or "/").path.strip("/")
        return f"/{path}/" if path else "/"

    def once(self, key: str, catalog: Catalog, make: Callable[[], Any]) -> Any:
        """A value that several outputs of a catalog need, made once per build (the constants' names, say)."""
        slot = (key, catalog.id)
        if slot not in self._memo:
            self._memo[slot] = make()
        return self._memo[slot]

    def piece(self, key: tuple[str, ...], make: Callable[[], str]) -> str:
        """A piece of a file whose key says everything it reads: made, or kept from an earlier build."""
        if self.kept is None:
            return make()
        self._used.add(key)
        found = self.kept.get(key)
        if found is None:
            found = self.kept[key] = make()
        return found

    def pieces_used(self) -> dict[tuple[str, ...], str]:
        """The pieces this build used, for the next one to keep (the others read what is no longer there)."""
        return {key: self.kept[key] for key in self._used} if self.kept is not None else {}

    def forget(self, key: str, catalog: Catalog) -> None:
        """Drop a value `once` kept, when its last user has it."""
        self._memo.pop((key, catalog.id), None)


def site_path(src: str) -> str:
    """The site path of a docs/ page: `composio/1806.md` -> `composio/1806/`, `composio/index.md` -> `composio/`."""
    stem = src.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def file_paths(catalog: Catalog) -> list[str]:
    """The site paths of the files the build writes for a catalog beside its pages."""
    return [o.at(catalog.id) for o in CATALOG_FILES if o.when(catalog)]


def former_files(catalog: Catalog) -> list[tuple[Published, str]]:
    """The catalog's files at each site path it had under a former id (`formerly`): a static site cannot redirect a
    file, so the build writes it there too, the same file."""
    return [(o, o.at(old)) for old in catalog.formerly for o in CATALOG_FILES if o.when(catalog)]


def page_sources(catalog: Catalog, code_sources: Iterable[str]) -> list[str]:
    """Every page the build makes for a catalog, as source paths: its own, its groups', then its codes'."""
    return [*(o.at(catalog.id) for o in CATALOG_PAGES if o.when(catalog)),
            *(GROUP_TABLE.at(catalog.id, g.id) for g in catalog.groups), *code_sources]


def home(catalog: Catalog) -> Location:
    """Where a catalog is declared: the line a problem with one of its outputs points at."""
    return Location(f"data/{catalog.id}/catalog.yml", 1)

