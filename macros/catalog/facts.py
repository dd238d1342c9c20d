"""Facts a catalog declares once and its entries give values for: reading the declarations and checking the values.

Each problem comes back as (path within the YAML document, message), for the loader to place at its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

from .model import EXAMPLE_VARIABLES, Fact, Location
from .yaml_reader import YamlPath

Problems = list[tuple[YamlPath, str]]
_URL = re.compile(r"https?://[^\s<>\"'`]+")
_CODE = re.compile(r"\S{1,100}")


def declarations(items: Iterable[Mapping[str, Any]], system_ids: Iterable[str],
                 locate: Callable[[YamlPath], Location]) -> tuple[tuple[Fact, ...], Problems]:
    """The catalog's declared facts, and what is wrong with the declarations."""
    systems = list(system_ids)
    facts: list[Fact] = []
    problems: Problems = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        path: YamlPath = ("facts", i)
        fact_id, kind = item["id"], item["kind"]
        if fact_id in EXAMPLE_VARIABLES:
            problems.append(((*path, "id"), f"fact id {fact_id!r} is one of the site's own example variables "
                             f"({', '.join('$' + v for v in EXAMPLE_VARIABLES)}): choose another id"))
        elif fact_id in seen:
            problems.append(((*path, "id"), f"fact {fact_id!r} is declared twice"))
        seen.add(fact_id)
        if kind == "enum" and "values" not in item:
            problems.append(((*path, "kind"), "an enum fact lists the values it may take under `values`"))
        if kind != "enum" and "values" in item:
            problems.append(((*path, "values"), f"only an enum fact lists values (this one is {kind}): remove "
                             "`values` or make it `kind: enum`"))
        if "system" in item and kind != "code":
            problems.append(((*path, "system"), f"only a code fact names a code system (this one is {kind})"))
        elif "system" in item and item["system"] not in systems:
            problems.append(((*path, "system"), f"unknown code system {item['system']!r} (catalog.yml declares "
                             f"{', '.join(systems)})"))
        facts.append(Fact(fact_id, item["label"], kind, locate(path), item.get("description"),
                          tuple(item.get("values", ())), item.get("system"), item.get("column", False),
                          item.get("lookup", False)))
    return tuple(facts), problems


def entry_values(given: Mapping[str, Any], facts: tuple[Fact, ...], path: YamlPath) -> tuple[Mapping[str, str],
                                                                                            Problems]:
    """An entry's fact values as text, in the catalog's order, and what is wrong with them."""
    declared = {fact.id: fact for fact in facts}
    problems: Problems = []
    for fact_id, value in given.items():
        fact = declared.get(fact_id)
        text = str(value)
        where = (*path, fact_id)
        if fact is None:
            known = f" (it declares {', '.join(declared)})" if declared else " (it declares none)"
            problems.append((where, f"no fact {fact_id!r} is declared: add it under `facts` in catalog.yml{known}"))
        elif fact.kind == "enum" and text not in fact.values:
            problems.append((where, f"{text!r} is not a value of {fact.label}: write one of "
                             f"{', '.join(fact.values)}, or add it to the fact's `values` in catalog.yml"))
        elif fact.kind == "url" and not _URL.fullmatch(text):
            problems.append((where, f"{text!r} is not a web address: a {fact.label} is an http:// or https:// URL"))
        elif fact.kind == "code" and not _CODE.fullmatch(text):
            problems.append((where, f"{text!r} is not a code: a {fact.label} is one code, without spaces, at most "
                             "100 characters"))
    values = {fact.id: str(given[fact.id]) for fact in facts if fact.id in given}
    return MappingProxyType(values), problems
