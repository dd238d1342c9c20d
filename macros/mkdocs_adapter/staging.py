"""A build writes into a staging folder beside the output folder and takes the output's place only when it succeeds.

MkDocs empties the output folder before it builds, so a build that fails later (a lint error
found in a hook, a strict-mode warning, an exception in a template) would leave half a site,
or none, where the last good one was. Staged, a failed build leaves the output folder exactly
as it was. No MkDocs here: the build (macros/mkdocs_adapter/build.py) says when.
"""

from __future__ import annotations

import ctypes
import errno
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
    """A fresh staging folder beside the output folder (same file system, so the move is a rename), named with the
    build's process id; what builds that were killed left beside it is removed first."""
    output = Path(output_dir).absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    clear_leftovers(output)
    staged = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{output.name}-{os.getpid()}-", dir=output.parent))
    staged.chmod(0o777 & ~_umask())  # mkdtemp makes it 0700: a web server running as its own user must read it
    found = Stage(output, staged)
    logger.addHandler(found.warnings)
    return found


def publish(found: Stage, logger: logging.Logger, strict: bool) -> bool:
    """Put the staged site in the output's place, unless a strict build logged a warning; whether it did."""
    logger.removeHandler(found.warnings)
    if strict and found.warnings.count:
        discard(found, logger)
        return False
    if found.output.is_dir() and not found.output.is_symlink() and exchange(found.staged, found.output):
        shutil.rmtree(found.staged, ignore_errors=True)  # it holds the site that was published before
        return True
    for _ in range(PUBLISH_TRIES):
        retired = None
        if found.output.exists() or found.output.is_symlink():
            retired = Path(tempfile.mkdtemp(prefix=f"{RETIRED_PREFIX}{found.output.name}-{os.getpid()}-",
                                            dir=found.output.parent))
            found.output.rename(retired / found.output.name)
        try:
            found.staged.rename(found.output)
        except OSError as error:
            if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
            continue  # another build published in between: retire its site too
        finally:
            if retired is not None:
                shutil.rmtree(retired, ignore_errors=True)
        return True
    raise OSError(errno.EBUSY, f"{found.output} kept changing while this build published; build again")


PUBLISH_TRIES = 5
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 with RENAME_EXCHANGE), so that the output folder is never
    missing, not even for a moment; False where the system cannot, and the caller moves them one by one."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(second))


def clear_leftovers(output: Path) -> None:
    """Remove the staging and retired folders beside output that builds no longer running left (killed ones)."""
    for prefix in (STAGING_PREFIX, RETIRED_PREFIX):
        for folder in output.parent.glob(f"{prefix}{output.name}-*"):
            pid = folder.name.removeprefix(f"{prefix}{output.name}-").split("-", 1)[0]
            if folder.is_dir() and pid.isdigit() and not _running(int(pid)):
                shutil.rmtree(folder, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def discard(found: Stage, logger: logging.Logger) -> None:
    """Drop the staged site: the output folder stays as it was."""
    logger.removeHandler(found.warnings)
    shutil.rmtree(found.staged, ignore_errors=True)
