"""Presentation mode: whether the widgets and checks leave out the learner's scaffolding.

``make present`` sets the environment variable ``GLUTEMED_PRESENT=1``;
:func:`presenting_from_env` reads it once, when :mod:`glutemed.answers` is
imported, into ``glutemed.answers.PRESENTING``. That package attribute is
the one switch: set it in a running kernel and :func:`is_presenting` (which
the widgets call when they are built and :func:`~glutemed.answers.check`
calls when it runs) sees the new value.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping

#: Name of the environment variable that turns presentation mode on.
PRESENT_ENV = "GLUTEMED_PRESENT"

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})


def presenting_from_env(environ: Mapping[str, str] | None = None) -> bool:
    """Whether ``GLUTEMED_PRESENT`` asks for presentation mode.

    ``1``, ``true``, ``yes`` or ``on`` (any case) turn it on; unset, empty,
    ``0``, ``false``, ``no`` or ``off`` leave it off. Any other value warns
    and leaves it off.

    Parameters
    ----------
    environ : mapping, optional
        The environment to read; default ``os.environ``.

    Examples
    --------
    >>> presenting_from_env({"GLUTEMED_PRESENT": "1"})
    True
    >>> presenting_from_env({})
    False
    """
    raw = (os.environ if environ is None else environ).get(PRESENT_ENV, "")
    value = raw.strip().casefold()
    if value in _TRUE:
        return True
    if value not in _FALSE:
        warnings.warn(f"{PRESENT_ENV}={raw!r} is not understood; use 1 (present) or 0 (teach). "
                      "Presentation mode is off.", stacklevel=2)
    return False


def is_presenting() -> bool:
    """Whether presentation mode is on now: the current ``glutemed.answers.PRESENTING``.

    Read at call time, so setting ``glutemed.answers.PRESENTING`` in a
    running kernel takes effect for the next widget built or check run.

    Examples
    --------
    >>> import glutemed.answers
    >>> is_presenting() is glutemed.answers.PRESENTING
    True
    """
    from glutemed import answers  # the package, imported already; read now, not at import time

    return bool(answers.PRESENTING)
