"""The generated pages as MkDocs page objects: a code, a group's table, a catalog's health.

MkDocs' Page subclass pattern, as Material's blog plugin makes its posts and views: each page
knows what in the model it shows, and its content and table of contents come from
macros/site/html_pages.py when the page is built, not from a Markdown source. It reads no file, runs no
Markdown, and holds its HTML only while its template is rendered (`show`, then `release`).
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..catalog.model import Catalog, CodeRef, Group
from ..exports import records, twins
from ..lint import Finding, Health
from ..site import downloads, html_pages, outputs, page_inputs, urls

CODE_PAGE_TEMPLATE = "code-page.html"


class GeneratedFile(File):
    """A page the build makes from the catalogs: nothing on disk, its page object renders it."""

    unchanged: bool = False
    """Set by a dirty rebuild (macros/mkdocs_adapter/dirty_rebuild.py) when the page's previous output is right."""

    def is_modified(self) -> bool:
        """Whether a dirty build writes the page again: unless it is known to be unchanged."""
        return not self.unchanged


class BuiltFile(File):
    """A file the build makes from the model, written as MkDocs copies the files; `clock` adds up the time spent."""

    clock: list[float]

    def pieces(self) -> Iterable[str]:
        """The file's text, in pieces."""
        raise NotImplementedError

    @property  # type: ignore[override]
    def content_string(self) -> str:
        """The whole file."""
        return "".join(self.pieces())

    @property  # type: ignore[override]
    def content_bytes(self) -> bytes:
        """The whole file, in UTF-8."""
        return self.content_string.encode("utf-8")

    def write(self, target: Path) -> None:
        """Put the file at its destination, piece by piece."""
        with target.open("w", encoding="utf-8") as out:
            out.writelines(self.pieces())

    def copy_file(self, dirty: bool = False) -> None:
        """Write the file (a dirty build too: it is made afresh every build)."""
        start = time.perf_counter()
        target = Path(self.abs_dest_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        self.write(target)
        self.clock[0] += time.perf_counter() - start


class PublishedFile(BuiltFile):
    """A file of the site's registry (macros/site/outputs.py), made by its builder.

    The builder yields the file in pieces, so that a large one (catalog.json at 50,000 codes) is never
    held whole in memory; reading `content_string` builds it whole instead.
    """

    output: outputs.Published
    site: outputs.Site
    catalog: Catalog | None

    @classmethod
    def of(cls, config: MkDocsConfig, output: outputs.Published, site: outputs.Site,
           catalog: Catalog | None, clock: list[float], path: str | None = None) -> PublishedFile:
        """The file of an output, for the site or for one catalog (at `path`, if not its own)."""
        file = cls.generated(config, path or output.at(catalog.id if catalog else ""), content="")
        assert isinstance(file, PublishedFile)
        file.output, file.site, file.catalog, file.clock = output, site, catalog, clock
        return file

    def pieces(self) -> Iterable[str]:
        """The file's text, as its builder makes it."""
        build = self.output.builds()
        made = build(self.site) if self.catalog is None else build(self.site, self.catalog)
        return (made,) if isinstance(made, str) else made


class TwinCopies(BuiltFile):
    """A code page's twins (index.json and index.md) at the old address of a redirect to it: a program that follows
    an old link to a twin gets the code's twin, as a browser following the old page's link gets the page. The file
    stands for index.json (an .md file would be a page to MkDocs) and writes index.md beside it."""

    catalog: Catalog
    ref: CodeRef
    site_url: str | None

    @classmethod
    def of(cls, config: MkDocsConfig, source: str, catalog: Catalog, ref: CodeRef,
           clock: list[float]) -> TwinCopies:
        """The twins of a code, written at the site path `source` (a redirect's)."""
        file = cls.generated(config, source + twins.JSON_NAME, content="")
        assert isinstance(file, TwinCopies)
        file.catalog, file.ref, file.site_url, file.clock = catalog, ref, config.site_url, clock
        return file

    def pieces(self) -> Iterable[str]:
        """The JSON twin."""
        return (twins.twin_texts(self.catalog, self.ref, self.site_url)[twins.JSON_NAME],)

    def write(self, target: Path) -> None:
        """Write both twins."""
        for name, text in twins.twin_texts(self.catalog, self.ref, self.site_url).items():
            (target.parent / name).write_text(text, encoding="utf-8")


class CatalogPage(Page):
    """A page rendered from the model; subclasses say which page and whether the page index reads its prose."""

    in_page_index: ClassVar[bool] = True
    """Whether the page index (macros/exports/page_index.py) holds its text: not a code's or a table's, which the
    lookup answers, nor the maintainers' health page."""
    template: ClassVar[str | None] = None

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, meta: tuple[str, str]) -> None:
        super().__init__(title, file, config)
        self._meta = meta

    def content_of(self) -> html_pages.PageContent:
        """The page's content from the model."""
        raise NotImplementedError

    def digest(self) -> str:
        """A digest of what the page reads from the catalogs (macros/site/page_inputs.py), without rendering it."""
        raise NotImplementedError

    def page_meta(self) -> dict[str, Any]:
        """The page's meta: its title and description from the model, its template."""
        title, description = self._meta
        meta: dict[str, Any] = {"title": html.escape(title), "description": html.escape(description),
                                "render_macros": False}
        if self.template:
            meta["template"] = self.template
        return meta

    def read_source(self, config: MkDocsConfig) -> None:
        """No source to read: the meta comes from the model, once (catalog_pages reads every page before MkDocs does,
        so that a dirty build knows every title)."""
        if self.markdown is None:
            self.markdown = ""
            self.meta = self.page_meta()

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Nothing to convert: the content is made when the page is built (`show`)."""
        self.content = ""
        self.toc = get_toc([])

    @property
    def present_anchor_ids(self) -> set[str]:  # type: ignore[override]
        """Every id on the page, for MkDocs to check links that point into it."""
        return set((self._shown or self.content_of()).anchors)

    _shown: html_pages.PageContent | None = None

    def show(self) -> None:
        """Give the page its content and table of contents, for the template and the page index."""
        if self._shown is None:
            self._shown = self.content_of()
            self.toc = get_toc(self._shown.toc_tokens())  # type: ignore[arg-type]
        self.content = self._shown.html()

    def release(self) -> None:
        """Drop the content once the page is written."""
        self._shown = None
        self.content = ""
        self.toc = get_toc([])


class CodePage(CatalogPage):
    """The page of one code."""

    in_page_index = False
    template = CODE_PAGE_TEMPLATE

    def __init__(self, file: File, config: MkDocsConfig, catalog: Catalog, ref: CodeRef,
                 findings: tuple[Finding, ...], site: outputs.Site | None = None,
                 inputs: page_inputs.PageInputs | None = None) -> None:
        super().__init__(None, file, config, html_pages.code_page_meta(catalog, ref))
        self.catalog, self.ref, self.findings, self.site = catalog, ref, findings, site
        self.site_url = config.site_url
        self.inputs = inputs or page_inputs.PageInputs(catalog)

    def digest(self) -> str:
        """What the code's page and twins read."""
        return self.inputs.code_page(self.ref, self.findings, self.site_url)

    def content_of(self) -> html_pages.PageContent:
        """The code's page."""
        return html_pages.code_page(self.catalog, self.ref, self.findings, self.site_url)

    def page_meta(self) -> dict[str, Any]:
        """The title and description, and the twins that main.html links as alternates."""
        return {**super().page_meta(),
                "twins": {"application/json": twins.JSON_NAME, "text/markdown": twins.MARKDOWN_NAME}}

    def write_twins(self, site_url: str | None) -> None:
        """Write the page's machine-readable twins beside it: index.json and index.md (macros/exports/twins.py)."""
        folder = Path(self.file.abs_dest_path).parent
        folder.mkdir(parents=True, exist_ok=True)
        shared = records.by_code(self.site, self.catalog).get(self.ref) if self.site is not None else None
        for name, text in twins.twin_texts(self.catalog, self.ref, site_url, shared).items():
            (folder / name).write_text(text, encoding="utf-8")

    @property
    def group_id(self) -> str:
        """The group the code is listed in (the first, when it is listed twice)."""
        return (self.catalog.entries_for(self.ref) or self.catalog.messages_for(self.ref))[0].group


class TablePage(CatalogPage):
    """The table of one group."""

    in_page_index = False

    def __init__(self, file: File, config: MkDocsConfig, catalog: Catalog, group: Group,
                 inputs: page_inputs.PageInputs | None = None, site: outputs.Site | None = None) -> None:
        super().__init__(html.escape(group.title), file, config, html_pages.table_page_meta(catalog, group))
        self.catalog, self.group = catalog, group
        self.inputs = inputs or page_inputs.PageInputs(catalog)
        self.moved = site.moved_rows.get(outputs.GROUP_TABLE.site_path(catalog.id, group.id), ()) if site else ()

    def digest(self) -> str:
        """What the group's table reads."""
        return self.inputs.table_page(self.group, self.moved)

    def content_of(self) -> html_pages.PageContent:
        """The group's table."""
        return html_pages.table_page(self.catalog, self.group, self.moved)


class HealthPage(CatalogPage):
    """The lint findings of one catalog."""

    in_page_index = False

    def __init__(self, file: File, config: MkDocsConfig, catalog: Catalog, health: Health) -> None:
        # Listed under "Catalog health" in the section for the API team, by its catalog's name.
        super().__init__(html.escape(catalog.title), file, config, html_pages.health_page_meta(catalog))
        self.catalog, self.health = catalog, health

    def digest(self) -> str:
        """The findings and the codes they name."""
        return page_inputs.PageInputs(self.catalog).health_page(self.health)

    def content_of(self) -> html_pages.PageContent:
        """The catalog's findings."""
        return html_pages.health_page(self.catalog, self.health)


class ChangesPage(CatalogPage):
    """What each release of one catalog changed."""

    def __init__(self, file: File, config: MkDocsConfig, catalog: Catalog, health: Health) -> None:
        super().__init__(outputs.CHANGES.title, file, config, html_pages.changes_page_meta(catalog))
        self.catalog, self.health = catalog, health

    def digest(self) -> str:
        """The whole catalog."""
        return page_inputs.PageInputs(self.catalog).whole_catalog("changes", self.health, None)

    def content_of(self) -> html_pages.PageContent:
        """The catalog's releases, newest first."""
        return html_pages.changes_page(self.catalog)

    def page_meta(self) -> dict[str, Any]:
        """The title and description, and the feed that main.html announces for feed readers."""
        return {**super().page_meta(), "feed": outputs.CHANGES_FEED.at(self.catalog.id),
                "feed_title": html.escape(f"{self.catalog.title}: changes")}


class DownloadsPage(CatalogPage):
    """One catalog's files for programs, and how to use them."""

    def __init__(self, file: File, config: MkDocsConfig, catalog: Catalog, health: Health) -> None:
        super().__init__(outputs.DOWNLOADS.title, file, config, downloads.downloads_page_meta(catalog))
        self.catalog, self.health = catalog, health
        self.site_url = config.site_url

    def digest(self) -> str:
        """The whole catalog."""
        return page_inputs.PageInputs(self.catalog).whole_catalog("downloads", self.health, self.site_url)

    def content_of(self) -> html_pages.PageContent:
        """The catalog's files, with examples."""
        return downloads.downloads_page(self.catalog, self.site_url)


def place_code_pages(files: Files) -> None:
    """Give every code page a place, catalog then group, without listing it in the nav.

    Its parent is a section that stands for its group (titled as the group's table, leading to
    it), whose parent stands for the catalog (leading to its overview): the breadcrumb reads
    catalog, group. Neither section is in the nav, and no section of the nav becomes active, so
    a code page's nav stays the top level: opening the catalog's section would list every table
    on every code page, which makes the site grow with the square of its size.
    """
    catalogs: dict[str, Section | None] = {}
    groups: dict[str, Section | None] = {}
    for file in files.documentation_pages():
        page = file.page
        if not isinstance(page, CodePage):
            continue
        catalog = page.catalog
        if catalog.id not in catalogs:
            overview = files.get_file_from_path(outputs.OVERVIEW.at(catalog.id))
            catalogs[catalog.id] = None if overview is None or overview.page is None else Section(
                html.escape(catalog.title), [overview.page])
        table_src = outputs.GROUP_TABLE.at(catalog.id, page.group_id)
        if table_src not in groups:
            table = files.get_file_from_path(table_src)
            group = None
            if table is not None and table.page is not None and table.page.title:
                group = Section(table.page.title, [table.page])
                group.parent = catalogs[catalog.id]
            groups[table_src] = group
        page.parent = groups[table_src]


def catalog_pages(catalog: Catalog, health: Health, config: MkDocsConfig,
                  site: outputs.Site | None = None) -> list[File]:
    """The files of a catalog's generated pages, each with its page object, already read (its title is known before
    MkDocs reads the pages, which a dirty build may skip): tables, health, downloads, changes, codes."""
    files: list[File] = []

    def add(src: str, inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
        file = GeneratedFile.generated(config, src, content="", inclusion=inclusion)
        files.append(file)
        return file

    inputs = page_inputs.of_site(site, catalog) if site is not None else page_inputs.PageInputs(catalog)
    for group in catalog.groups:
        TablePage(add(outputs.GROUP_TABLE.at(catalog.id, group.id)), config, catalog, group, inputs, site)
    for output in outputs.catalog_outputs(catalog):
        if output.is_page and not output.hand_written:
            output.builds()(add(output.at(catalog.id)), config, catalog, health)
    for ref in catalog.codes:
        CodePage(add(urls.code_src(catalog, ref), InclusionLevel.NOT_IN_NAV), config, catalog, ref,
                 health.for_ref(ref), site, inputs)
    for file in files:
        assert file.page is not None
        file.page.read_source(config)
    return files
