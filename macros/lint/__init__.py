"""Catalog lint: the inconsistencies a reader would trip over, beyond what the schema can say.

Every check is a function from a Catalog to Findings. A finding has a stable check id, a
severity (an error fails the build, a warning does not), a subject that names what it is
about (so a catalog can acknowledge it in catalog.yml), the file and line, a message that
says what is wrong and what to do, and the codes and groups it affects (for the health page
and the notices on code pages).

Run it from the command line: `python -m macros.lint [data] [--format json]`.
"""

from __future__ import annotations

from .checking import CHECK_FUNCTIONS, failing, lint, lint_catalog
from .cli import main, run
from .findings import CHECK_LIST, CHECKS, ERROR, WARNING, Check, Finding, Health

__all__ = ["CHECKS", "CHECK_FUNCTIONS", "CHECK_LIST", "ERROR", "WARNING", "Check", "Finding", "Health", "failing",
           "lint", "lint_catalog", "main", "run"]
