"""Executes one notebook top to bottom on a fresh kernel with nbclient and writes the executed copy.

Usage: python3 execute_notebook.py NOTEBOOK OUTPUT
Prints one JSON line: {"ok", "seconds", "kernelStartSeconds", "kernelStarts", "cells": [{"index", "seconds"}], "error": {...} | null}
("kernelStarts": how many kernels it took to get one that answered; see KERNEL_START_ATTEMPTS).
On failure it reports the cell's source, its stdout and stderr, and the error the kernel sent
(ename, evalue, traceback: the project's kernel, src/kernel/, sends them as ipykernel does).
"""
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def stream_text(cell, name):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == name)


def error_output(cell):
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            return {"ename": o.get("ename", ""), "evalue": o.get("evalue", ""), "traceback": o.get("traceback", [])}
    return {}


# A kernel that loses the race for its ports exits at once (src/kernel/main.ts: two kernels started
# together can be handed the same free port). JupyterLab's server then restarts it on fresh ports;
# nbclient does not, so this script does as the server would: a fresh kernel, a few times at most.
KERNEL_START_ATTEMPTS = 3
DIED_AT_START = "Kernel died before replying to kernel_info"


def run(path):
    """One execution on a fresh kernel: (notebook, timings, first cell's start, error or None)."""
    nb = nbformat.read(path, as_version=4)
    kernel = nb.metadata.get("kernelspec", {}).get("name", "tslab")
    timings, started, failed = [], {}, {}

    def on_start(cell, cell_index):
        started[cell_index] = time.monotonic()
        started.setdefault("first", started[cell_index])

    def on_done(cell, cell_index, execute_reply):
        timings.append({"index": cell_index, "seconds": round(time.monotonic() - started[cell_index], 3)})

    def on_error(cell, cell_index, execute_reply):
        failed["index"] = cell_index

    client = NotebookClient(
        nb,
        timeout=int(os.environ.get("OPTIMLAB_CELL_TIMEOUT", "600")),
        kernel_name=kernel,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        on_cell_start=on_start,
        on_cell_executed=on_done,
        on_cell_error=on_error,
    )
    error = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        index = failed.get("index", len(timings))
        cell = nb.cells[index] if index < len(nb.cells) else {}
        error = {
            "kind": type(e).__name__,
            "cell": index,
            "source": cell.get("source", ""),
            "stdout": stream_text(cell, "stdout")[-4000:],
            "stderr": stream_text(cell, "stderr")[-4000:],
            "message": str(e)[-2000:],
            **error_output(cell),
        }
    return nb, timings, started.get("first"), error


def main(path, output):
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        t0 = time.monotonic()
        try:
            nb, timings, first, error = run(path)
            break
        except RuntimeError as e:
            if DIED_AT_START not in str(e):
                raise
            print(f"execute_notebook: {os.path.basename(path)}: the kernel exited before it answered (attempt {attempt} of {KERNEL_START_ATTEMPTS})", file=sys.stderr)
            if attempt == KERNEL_START_ATTEMPTS:
                nb = nbformat.read(path, as_version=4)
                timings, first = [], None
                error = {"kind": "KernelStartError", "message": f"{DIED_AT_START}, {KERNEL_START_ATTEMPTS} times (see the kernel's stderr above)"}
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    nbformat.write(nb, output)
    kernel_start = round((first if first is not None else time.monotonic()) - t0, 3)
    print(json.dumps({"ok": error is None, "seconds": round(time.monotonic() - t0, 3), "kernelStartSeconds": kernel_start, "kernelStarts": attempt, "cells": timings, "error": error}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
