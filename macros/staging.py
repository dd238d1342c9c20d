"""A build writes into a staging folder beside the output folder and takes the output's place only when it succeeds.

MkDocs empties the output folder before it builds, so a build that fails later (a lint error
found in a hook, a strict-mode warning, an exception in a template) would leave half a site,
or none, where the last good one was. Staged, a failed build leaves the output folder exactly
as it was. No MkDocs here: the build (macros/mkdocs_build.py) says when.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

STAGING_PREFIX = ".staging-"
RETIRED_PREFIX = ".retired-"


class WarningCount(logging.Handler):
    """Counts the warnings (and worse) a build logs: a strict build with any must not take the output's place."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Count one more."""
        self.count += 1


@dataclass
class Stage:
    """Where a build writes (`staged`), where its site belongs (`output`), and the warnings it has logged."""

    output: Path
    staged: Path
    warnings: WarningCount = field(default_factory=WarningCount)


def stage(output_dir: str | os.PathLike[str], logger: logging.Logger) -> Stage:
    """A fresh staging folder beside the output folder (same file system, so the move is a rename)."""
    output = Path(output_dir).absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{output.name}-", dir=output.parent))
    found = Stage(output, staged)
    logger.addHandler(found.warnings)
    return found


def publish(found: Stage, logger: logging.Logger, strict: bool) -> bool:
    """Put the staged site in the output's place, unless a strict build logged a warning; whether it did."""
    logger.removeHandler(found.warnings)
    if strict and found.warnings.count:
        discard(found, logger)
        return False
    retired = None
    if found.output.exists() or found.output.is_symlink():
        retired = Path(tempfile.mkdtemp(prefix=f"{RETIRED_PREFIX}{found.output.name}-", dir=found.output.parent))
        found.output.rename(retired / found.output.name)
    found.staged.rename(found.output)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
    return True


def discard(found: Stage, logger: logging.Logger) -> None:
    """Drop the staged site: the output folder stays as it was."""
    logger.removeHandler(found.warnings)
    shutil.rmtree(found.staged, ignore_errors=True)
