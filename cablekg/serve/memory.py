"""Keep the server's resident memory flat under concurrent requests.

Page requests run in a pool of threads. The C library's allocator (glibc) gives each thread that
allocates while another does its own arena, up to eight per core, and rarely returns an arena's
free pages: under load the server's resident memory climbed by some 30 MiB this way
(`benchmarks/serve_load.py`) without holding anything more. Python code holds the GIL, so two
arenas are enough for the server's threads.
"""

from __future__ import annotations

import ctypes
import sys

_M_ARENA_MAX = -8  # the `mallopt` parameter, from glibc's malloc.h


def bound_malloc_arenas(arenas: int = 2) -> bool:
    """Cap the allocator's arenas for the threads started from now on (glibc only; elsewhere,
    or when the C library has no `mallopt`, nothing changes and the answer is False)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_ARENA_MAX, arenas))
