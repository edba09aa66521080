"""Reading and writing the index folder's files so that damage never escapes as a crash.

Anything in the index folder may be truncated by a full disk, a killed process or a bad
copy. Readers turn every way such a file can fail into one `UnreadableFileError` with a
short reason; the callers rebuild what it held (or refuse, when rebuilding is not allowed).
"""

from __future__ import annotations

import os
import pickle
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

# What numpy, zipfile and zlib raise on a damaged .npz: a truncated zip (BadZipFile,
# EOFError), a bad CRC, a garbled .npy header (ValueError, or MemoryError when it claims an
# absurd shape), an object array (pickle is refused), a missing member (KeyError).
_DAMAGE: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    MemoryError,
    zipfile.BadZipFile,
    zlib.error,
    pickle.UnpicklingError,
)


class UnreadableFileError(Exception):
    """A file of the index folder cannot be used; the message says why, in a few words."""


def describe(error: BaseException) -> str:
    """A one-line reason for a log sentence, never a traceback."""
    text = " ".join(str(error).split())[:200]
    name = type(error).__name__
    return f"{name}: {text}" if text else name


def read_arrays(path: Path, names: Collection[str]) -> dict[str, NDArray[Any]]:
    """Every array of an .npz file, read now, so damage shows here and not in a search.

    Raises UnreadableFileError when the file is damaged or lacks one of `names`.
    """
    try:
        if path.stat().st_size == 0:
            raise UnreadableFileError("the file is empty")
        with np.load(path, allow_pickle=False) as stored:
            arrays = {key: np.asarray(stored[key]) for key in stored.files}
    except UnreadableFileError:
        raise
    except _DAMAGE as error:
        raise UnreadableFileError(describe(error)) from error
    missing = sorted(set(names) - set(arrays))
    if missing:
        raise UnreadableFileError(f"arrays missing: {', '.join(missing)}")
    return arrays


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file and rename it: readers see the old file or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
