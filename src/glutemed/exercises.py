"""Check a learner's answer to a notebook exercise.

Each exercise in the notebooks has three cells: the learner's stub
(``answer = None``), a solution cell (source hidden in JupyterLab, executed
by the tests, which also ``assert`` an independent property of the solution),
and a check cell calling :func:`check`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["check"]


def check(answer: ArrayLike | None, expected: ArrayLike, rtol: float = 0.02, atol: float = 1e-9,
          unit: str = "") -> None:
    """Print whether ``answer`` matches ``expected`` (the learner's feedback).

    Parameters
    ----------
    answer : float, array_like or None
        The learner's answer; ``None`` means "not answered yet".
    expected : float or array_like
        The solution.
    rtol, atol : float
        Relative and absolute tolerance.
    unit : str
        Unit printed after the numbers.

    Returns
    -------
    None
        Prints its verdict (nothing is returned, so a notebook cell shows
        only the message).

    Examples
    --------
    >>> check(None, 4.4, unit="cm")
    Not answered yet: replace None with your answer, then run this cell again.
    >>> check(4.41, 4.4, unit="cm")
    Correct: 4.41 cm.
    >>> check(3.0, 4.4, unit="cm")
    Not yet: 3 cm does not match the solution (within 2%). Have another look.
    """
    if answer is None:
        print("Not answered yet: replace None with your answer, then run this cell again.")
        return
    a = np.asarray(answer, dtype=float)
    e = np.asarray(expected, dtype=float)
    suffix = f" {unit}" if unit else ""
    if a.shape == e.shape and np.allclose(a, e, rtol=rtol, atol=atol):
        shown = np.array2string(a, precision=3) if a.ndim else f"{float(a):.3g}"
        print(f"Correct: {shown}{suffix}.")
        return
    shown = np.array2string(a, precision=3) if a.ndim else f"{float(a):.3g}"
    print(f"Not yet: {shown}{suffix} does not match the solution (within {rtol:.0%}). Have another look.")
