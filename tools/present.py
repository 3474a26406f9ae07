"""Serve one widget notebook as a clean app in Voila, for projection in class.

Usage: python tools/present.py [NB] [--port PORT]

NB is the notebook's two-digit number (e.g. 02); by default the newest
notebook that has a widget panel. Voila runs on 127.0.0.1 with the code cells
hidden. ``make present NB=02`` calls this script, and so do the browser tests.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def widget_notebooks(folder: Path = ROOT / "notebooks") -> list[Path]:
    """Notebooks that display a widget panel, in teaching order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if "Panel(" in p.read_text(encoding="utf-8"))


def find_notebook(number: str | None, folder: Path = ROOT / "notebooks") -> Path:
    if not number:
        return widget_notebooks(folder)[-1]
    matches = sorted(folder.glob(f"{int(number):02d}_*.ipynb"))
    if not matches:
        available = ", ".join(p.name[:2] for p in sorted(folder.glob("[0-9][0-9]_*.ipynb")))
        raise SystemExit(f"NB={number}: no such notebook; available: {available}")
    return matches[0]


def voila_command(notebook: Path, port: int) -> list[str]:
    """The Voila command line: loopback only, code hidden, no browser opened."""
    return [
        sys.executable, "-m", "voila", str(notebook),
        "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
        "--strip_sources=True", "--theme=light",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nb", nargs="?", default=os.environ.get("NB") or None)
    parser.add_argument("--port", type=int, default=8866)
    args = parser.parse_args()
    notebook = find_notebook(args.nb)
    print(f"Presenting {notebook.name} at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)")
    os.environ["GLUTEMED_PRESENT"] = "1"  # answer widgets show their prompts without exercise scaffolding
    os.execv(sys.executable, voila_command(notebook, args.port))


if __name__ == "__main__":
    main()
