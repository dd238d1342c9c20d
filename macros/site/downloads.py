"""A catalog's page on its files for programs (`/<catalog>/downloads/`), with examples that run.

Pure (model in, page out). The examples use a real entry of the catalog and its own example
response, so that what the page shows is what the files do; the tests run them.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from typing import Any

from . import outputs, urls
from ..exports.client_code import constant_names, py_literal, ts_literal
from .examples import example_for, example_message, fill
from ..catalog.model import Catalog, ErrorEntry
from ..exports.openapi import ERROR_SCHEMA, response_name, schema_name
from .html_pages import PageContent, inline, page_content, plain
from .urls import absolute


@dataclass(frozen=True)
class Sample:
    """The entry the examples show, the constant that names it, and what a program would be given."""

    entry: ErrorEntry
    constant: str
    body: Any
    status: int | None


def sample(catalog: Catalog) -> Sample:
    """The first active entry whose error response the catalog can show (else the first entry, by its code)."""
    names = constant_names(catalog)
    pairs = list(zip(catalog.entries, names, strict=True))
    active = [(e, n) for e, n in pairs if e.lifecycle.state == "active"] or pairs
    for entry, name in active:
        example = example_for(catalog, entry)
        if example is not None and example.envelope and catalog.envelope is not None:
            message = example_message(entry, catalog.entries_for(entry.ref), catalog.messages_for(entry.ref))
            return Sample(entry, name, fill(catalog.envelope.example, entry, message), entry.status)
    entry, name = active[0]
    return Sample(entry, name, entry.code, None)


def downloads_page_meta(catalog: Catalog) -> tuple[str, str]:
    """The page's title and description."""
    return (plain(f"Files for programs — {catalog.title}"),
            plain(f"The {catalog.title} catalog as code and data: constants for Python and TypeScript, "
                  "OpenAPI components, JSON and Markdown."))


def python_example(example: Sample) -> str:
    """The page's Python example: errors.py finds the sample's entry in its response."""
    status = "" if example.status is None else f", {example.status}"
    return (f"from errors import {example.constant}, from_response\n\n"
            "# The body of an error response, parsed or as text:\n"
            f"body = {py_literal(example.body)}\n"
            f"entry = from_response(body{status})\n"
            f"if entry is {example.constant}:\n"
            f"    print(entry.code, entry.url)\n"
            f"if entry is not None and entry.retryable == \"yes\":\n"
            f"    pass  # retry as the page at entry.url says\n")


def typescript_example(example: Sample) -> str:
    """The page's TypeScript example, the same as the Python one."""
    status = "" if example.status is None else f", {example.status}"
    return (f"import {{ {example.constant}, fromResponse }} from \"./errors\";\n\n"
            "// The body of an error response, parsed or as text:\n"
            f"const body: unknown = {ts_literal(example.body)};\n"
            f"const entry = fromResponse(body{status});\n"
            f"if (entry === {example.constant}) {{\n"
            f"  console.log(entry.code, entry.url);\n"
            f"}}\n"
            f"if (entry?.retryable === \"yes\") {{\n"
            f"  // retry as the page at entry.url says\n"
            f"}}\n")


def openapi_example(catalog: Catalog, site_url: str | None, status: int | None) -> str:
    """The page's OpenAPI example: a path of another spec that refers to the catalog's response for a status."""
    document = absolute(site_url, outputs.OPENAPI.url(catalog.id))
    lines = ["paths:", "  /things/{id}:", "    get:", "      responses:"]
    if status is not None:
        target = json.dumps(f"{document}#/components/responses/{response_name(status)}")
        lines += [f'        "{status}":', f"          $ref: {target}"]
    else:
        target = json.dumps(f"{document}#/components/schemas/{schema_name(catalog.primary_system)}")
        lines += ['        "default":', "          description: An error", "          content:",
                  "            application/json:", "              schema:", f"                $ref: {target}"]
    return "\n".join(lines) + "\n"


def downloads_page(catalog: Catalog, site_url: str | None) -> PageContent:
    """The files a program can take from a catalog, and how to use each."""
    src = outputs.DOWNLOADS.at(catalog.id)
    here = urls.site_path(src)

    def link(path: str) -> str:
        return posixpath.relpath(path, here) + ("/" if path.endswith("/") else "")

    example = sample(catalog)
    listed = [o for o in outputs.catalog_outputs(catalog) if not o.is_page and o.about]
    rows = [{"name": o.name, "href": link(o.at(catalog.id)), "attachment": o.attachment, "about": inline(o.about)}
            for o in (*listed, outputs.CATALOG_SCHEMA)]
    files = {"code_page": link(urls.site_path(urls.code_src(catalog, example.entry.ref)))}
    status_schema = response_name(example.status) if example.status is not None else None
    return page_content(
        "downloads_page.html.j2", downloads_page_meta(catalog), (), catalog=catalog, rows=rows, files=files,
        example=example,
        python=python_example(example), typescript=typescript_example(example),
        openapi=openapi_example(catalog, site_url, example.status),
        response=status_schema, error_schema=ERROR_SCHEMA if catalog.envelope else None,
        code_schema=schema_name(catalog.primary_system))
