"""A template laid out once (macros/exports/json_layout.py) renders what laying out the filled-in template gives."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from macros.catalog.model import EXAMPLE_PLACEHOLDER_RE, ExampleFormat
from macros.exports.json_layout import SLOT, layout
from macros.site.examples import example_text, fill

PLACEHOLDERS = st.sampled_from(["$code", "$name", "$status", "$message", "$description", "$fix", "$severity"])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
STRINGS = st.one_of(PLACEHOLDERS, TEXT, st.tuples(TEXT, PLACEHOLDERS, TEXT).map("".join))
SCALARS = st.one_of(STRINGS, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
TEMPLATES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)
VALUES = st.fixed_dictionaries({name: st.one_of(TEXT, st.integers(), st.none()) for name in
                                ("code", "name", "status", "message", "description", "fix", "severity", "SEVERITY")})


def filled(template, values):
    def walk(node):
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, str):
            whole = EXAMPLE_PLACEHOLDER_RE.fullmatch(node)
            if whole:
                return values.get(whole.group(1))
            # A variable the values lack (a fact the entry does not give) is empty, as on the site.
            return EXAMPLE_PLACEHOLDER_RE.sub(lambda m: "" if values.get(m.group(1)) is None
                                              else str(values[m.group(1)]), node)
        return node
    return walk(template)


@given(TEMPLATES, VALUES)
def test_a_layout_renders_what_json_dumps_gives(template, values) -> None:
    laid_out = layout(template, EXAMPLE_PLACEHOLDER_RE)
    assert laid_out is not None
    assert laid_out.render(values) == json.dumps(filled(template, values), indent=2, ensure_ascii=False)


def test_a_template_that_holds_the_slot_character_is_laid_out_the_slow_way() -> None:
    assert layout({"a": f"x{SLOT}0{SLOT}"}, EXAMPLE_PLACEHOLDER_RE) is None
    assert layout({f"{SLOT}": "$code"}, EXAMPLE_PLACEHOLDER_RE) is None
    example = ExampleFormat("json", {"a": f"{SLOT}0{SLOT} $code"}, envelope=True)
    assert example.layout is None


def test_every_example_of_every_catalog_is_the_same_either_way(catalogs) -> None:
    for catalog in catalogs:
        for entry in catalog.entries:
            example = catalog.system(entry.system).example
            text = example_text(catalog, entry, "a message with \"quotes\" and $code")
            if example is None or text == "" or (isinstance(example.template, str) and not example.envelope):
                continue
            slow = json.dumps(fill(example.template, entry, "a message with \"quotes\" and $code"), indent=2,
                              ensure_ascii=False)
            assert text == slow
