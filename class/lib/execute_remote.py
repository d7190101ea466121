"""Executes a notebook on a student's Jupyter server behind JupyterHub, as JupyterLab would: through the
server's REST API (a session on the notebook's path, so the kernel starts in the notebook's folder) and
the kernel's websocket, with the student's API token. Outputs are recorded by nbclient's own message
handling, so the executed notebook compares cell for cell with a local nbclient run
(scripts/lib/execute_notebook.py).

Usage: python execute_remote.py SERVER_URL TOKEN PATH OUTPUT
  SERVER_URL  the student's server, e.g. http://127.0.0.1:8000/user/student1
  PATH        the notebook, relative to the server's root, e.g. lessons/00-welcome.ipynb
Prints one JSON line: {"ok", "seconds", "kernelStartSeconds", "cells": [{"index", "seconds"}], "error"}.
"""
import asyncio
import json
import os
import sys
import time
from urllib.parse import quote

import nbformat
from jupyter_client.jsonutil import json_default
from jupyter_client.session import Session
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.iostream import StreamClosedError
from tornado.websocket import WebSocketClosedError, websocket_connect

CELL_TIMEOUT = int(os.environ.get("OPTIMLAB_CELL_TIMEOUT", "600"))


class Remote:
    def __init__(self, server, token):
        self.server = server.rstrip("/")
        self.headers = {"Authorization": f"token {token}"}
        self.http = AsyncHTTPClient()

    async def call(self, method, path, body=None):
        request = HTTPRequest(
            f"{self.server}{path}",
            method=method,
            headers={**self.headers, "Content-Type": "application/json"},
            body=None if body is None else json.dumps(body),
            allow_nonstandard_methods=True,
            request_timeout=300,
        )
        response = await self.http.fetch(request)
        return json.loads(response.body) if response.body else None


class Kernel:
    """One kernel's websocket: sends requests and hands back the messages that answer them."""

    def __init__(self, ws):
        self.ws = ws
        self.session = Session(username="optimlab-class")

    async def send(self, msg_type, content, channel="shell"):
        msg = self.session.msg(msg_type, content)
        msg["channel"] = channel
        await self.ws.write_message(json.dumps(msg, default=json_default))
        return msg["header"]["msg_id"]

    async def receive(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no reply from the kernel in time")
        text = await asyncio.wait_for(self.ws.read_message(), remaining)
        if text is None:
            raise ConnectionError("the kernel's websocket closed (did the kernel die?)")
        msg = json.loads(text)
        msg.setdefault("msg_type", msg["header"]["msg_type"])
        return msg


async def wait_ready(kernel, deadline):
    """Asks for kernel_info until the kernel answers (as nbclient's wait_for_ready does)."""
    while True:
        msg_id = await kernel.send("kernel_info_request", {})
        try:
            while True:
                msg = await kernel.receive(min(deadline, time.monotonic() + 2))
                if msg["channel"] == "shell" and msg["parent_header"].get("msg_id") == msg_id:
                    return
        except asyncio.TimeoutError:
            if time.monotonic() > deadline:
                raise


async def run_cell(kernel, client, cell, index):
    """Executes one cell; returns the execute_reply's content. Outputs go into cell.outputs via nbclient."""
    cell.outputs = []
    client.clear_before_next_output = False
    msg_id = await kernel.send(
        "execute_request",
        {"code": cell.source, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
    )
    deadline = time.monotonic() + CELL_TIMEOUT
    reply, idle = None, False
    while reply is None or not idle:
        msg = await kernel.receive(deadline)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["channel"] == "shell" and msg["msg_type"] == "execute_reply":
            reply = msg["content"]
        elif msg["channel"] == "iopub":
            try:
                client.process_message(msg, cell, index)
            except CellExecutionComplete:
                idle = True
    if reply.get("execution_count"):
        cell.execution_count = reply["execution_count"]
    return reply


async def main(server, token, path, output):
    remote = Remote(server, token)
    t0 = time.monotonic()
    model = await remote.call("GET", f"/api/contents/{quote(path)}?content=1")
    nb = nbformat.from_dict(model["content"])
    kernel_name = nb.metadata.get("kernelspec", {}).get("name", "tslab")
    session = await remote.call("POST", "/api/sessions", {"path": path, "type": "notebook", "name": os.path.basename(path), "kernel": {"name": kernel_name}})
    kernel_id = session["kernel"]["id"]
    ws_url = server.replace("http://", "ws://").replace("https://", "wss://").rstrip("/") + f"/api/kernels/{kernel_id}/channels?session_id={Session().session}"
    client = NotebookClient(nb, record_timing=False)
    timings, error, ws, restarts = [], None, None, 0
    try:
        # A kernel that lost a race for its ports with another kernel starting at the same moment (jupyter_client
        # picks free ports, then the kernel binds them) never answers; JupyterLab's user would restart it, and so
        # does this, at most twice, counting it in the summary.
        while True:
            try:
                # The server answers the upgrade only once the kernel answers kernel_info (or after its own
                # timeout), which on a busy machine takes longer than tornado's 20 s default.
                ws = await websocket_connect(HTTPRequest(ws_url, headers=remote.headers, connect_timeout=300, request_timeout=300), max_message_size=256 * 1024 * 1024)
                kernel = Kernel(ws)
                await wait_ready(kernel, time.monotonic() + 300)
                break
            except (ConnectionError, TimeoutError, asyncio.TimeoutError, HTTPClientError, StreamClosedError, WebSocketClosedError) as e:
                if ws is not None:
                    ws.close()
                    ws = None
                if restarts == 2:
                    raise ConnectionError(f"the kernel did not come up after {restarts} restarts: {e}") from e
                restarts += 1
                await remote.call("POST", f"/api/kernels/{kernel_id}/restart", {})
        kernel_start = round(time.monotonic() - t0, 3)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            started = time.monotonic()
            reply = await run_cell(kernel, client, cell, index)
            timings.append({"index": index, "seconds": round(time.monotonic() - started, 3)})
            if reply.get("status") != "ok":
                error = {"kind": "CellExecutionError", "cell": index, "source": cell.source, "ename": reply.get("ename", ""), "evalue": reply.get("evalue", "")}
                break
    except Exception as e:  # noqa: BLE001 (reported, not hidden)
        error = {"kind": type(e).__name__, "cell": len(timings), "message": str(e)}
        kernel_start = locals().get("kernel_start", 0)
    finally:
        if ws is not None:
            ws.close()
        try:
            await remote.call("DELETE", f"/api/sessions/{session['id']}")
        except Exception:  # noqa: BLE001 (the server may be gone already; the hub test cleans up)
            pass
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    nbformat.write(nb, output)
    print(json.dumps({"ok": error is None, "seconds": round(time.monotonic() - t0, 3), "kernelStartSeconds": kernel_start, "kernelId": kernel_id, "kernelRestarts": restarts, "cells": timings, "error": error}))


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
