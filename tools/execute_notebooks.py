"""Execute notebooks in place from a clean kernel, then normalise them.

Usage: python tools/execute_notebooks.py notebooks/*.ipynb

Normalising keeps stored outputs (so notebooks read well on GitHub) but drops
what changes from run to run or machine to machine: execution timing and
other cell metadata, widget state, random cell ids (replaced by ids derived
from the cell's position) and the random model ids of stored widget views
(replaced by ids derived from the cell id; with no widget state stored, no
front end can find either kind of id, so it shows the stored snapshot).
Execution counts run 1, 2, 3, ... because every notebook is run top to
bottom in one fresh kernel.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

KEEP_CELL_METADATA = ("tags", "jupyter")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip volatile metadata and give cells stable ids."""
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:03d}"
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in KEEP_CELL_METADATA}
        for n, output in enumerate(cell.get("outputs", [])):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                view["model_id"] = hashlib.md5(f"{cell.id}/{n}".encode()).hexdigest()
    return nb


def execute(path: Path) -> None:
    """Run ``path`` top to bottom in a fresh kernel, then normalise, validate and save it."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nb = normalise(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    print(f"executed {path} ({path.stat().st_size / 1000:.0f} kB)")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        execute(Path(arg))
