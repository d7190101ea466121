"""PyTorch's side of `npm run bench`: the same workloads as the Node bench, timed on request.

The Node bench (bench/pytorch.ts) starts this script once and drives it over stdin/stdout, one JSON object
per line each way, so that PyTorch's samples interleave round by round with ours, as every contender's do
(bench/harness.ts). Requests:

  {"op": "info"}                                   -> {"torch": version, "threads", "blas", "capability"}
  {"op": "optimizer", "id", "name", "n", "lr", "dtype", "seed"}
      one torch.optim optimizer over one tensor of n parameters, its .grad a fixed random gradient
  {"op": "mlp", "id", "sizes", "loss", "lr", "eps", "batch", "dtype", "x", "y"}
      a torch.nn.Sequential of Linear + ReLU layers, trained one epoch per call with the loop a PyTorch
      user writes (randperm, index the batch, zero_grad, forward, loss, backward, step); x and y are raw
      little-endian f64 files written by the Node side, so both train on the same data
  {"op": "product", "id", "kind", "n", "inputs", "outputs", "dtype"}
      one matrix product of a dense layer alone, as torch.nn.Linear and autograd run it: "forward"
      addmm(b, x, W.T) (x n × inputs, W outputs × inputs), "weightGradient" d.T @ x and d.sum(0) (d n × outputs)
  {"op": "sample", "id", "minMs", "threads"}       -> {"ms": mean per-call milliseconds over >= minMs}
  {"op": "drop", "id"}

Each sample repeats the call until minMs have passed, with torch.set_num_threads(threads) (the thread
count ours uses for that workload), and answers the mean time per call.
"""

import json
import re
import sys
import time
import warnings

# torch warns once that NumPy is missing; nothing here uses NumPy.
warnings.filterwarnings("ignore", message="Failed to initialize NumPy")

import torch  # noqa: E402

DTYPES = {"float64": torch.float64, "float32": torch.float32}


def optimizer_workload(req):
    n = req["n"]
    dtype = DTYPES[req["dtype"]]
    gen = torch.Generator().manual_seed(req.get("seed", 0))
    p = torch.nn.Parameter(torch.rand(n, dtype=dtype, generator=gen) * 2 - 1)
    p.grad = torch.rand(n, dtype=dtype, generator=gen) * 2 - 1
    lr = req["lr"]
    name = req["name"]
    make = {
        "sgd": lambda: torch.optim.SGD([p], lr=lr),
        "sgd momentum": lambda: torch.optim.SGD([p], lr=lr, momentum=0.9),
        "nesterov": lambda: torch.optim.SGD([p], lr=lr, momentum=0.9, nesterov=True),
        "adagrad": lambda: torch.optim.Adagrad([p], lr=lr),
        "rmsprop": lambda: torch.optim.RMSprop([p], lr=lr),
        "adadelta": lambda: torch.optim.Adadelta([p], lr=lr),
        "adam": lambda: torch.optim.Adam([p], lr=lr),
        "adamw": lambda: torch.optim.AdamW([p], lr=lr),
        "adamax": lambda: torch.optim.Adamax([p], lr=lr),
        "nadam": lambda: torch.optim.NAdam([p], lr=lr),
    }
    if name not in make:
        raise ValueError(f"no torch.optim equivalent for {name!r}")
    opt = make[name]()
    return opt.step


def read_f64(path, dtype):
    with open(path, "rb") as f:
        raw = bytearray(f.read())
    return torch.frombuffer(raw, dtype=torch.float64).to(dtype)


def mlp_workload(req):
    dtype = DTYPES[req["dtype"]]
    sizes = req["sizes"]
    torch.manual_seed(0)
    layers = []
    for i in range(1, len(sizes)):
        linear = torch.nn.Linear(sizes[i - 1], sizes[i], dtype=dtype)
        torch.nn.init.xavier_uniform_(linear.weight)
        torch.nn.init.zeros_(linear.bias)
        layers.append(linear)
        if i < len(sizes) - 1:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    x = read_f64(req["x"], dtype).reshape(-1, sizes[0])
    samples = x.shape[0]
    if req["loss"] == "softmax":
        y = read_f64(req["y"], torch.float64).to(torch.long)
        loss_fn = torch.nn.CrossEntropyLoss()
    else:
        y = read_f64(req["y"], dtype).reshape(samples, -1)
        loss_fn = torch.nn.BCEWithLogitsLoss()
    opt = torch.optim.Adam(model.parameters(), lr=req["lr"], eps=req["eps"])
    batch = req["batch"]

    def epoch():
        order = torch.randperm(samples)
        for start in range(0, samples, batch):
            idx = order[start : start + batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()

    return epoch


def sample(fn, min_ms):
    calls = 0
    start = time.perf_counter()
    while True:
        fn()
        calls += 1
        elapsed = (time.perf_counter() - start) * 1e3
        if elapsed >= min_ms:
            return elapsed / calls


def blas_name():
    """The BLAS this torch build multiplies matrices with, as its build configuration names it."""
    found = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    return found.group(1) if found else "unknown"


def product_workload(req):
    dtype = DTYPES[req["dtype"]]
    gen = torch.Generator().manual_seed(0)
    n, inputs, outputs = req["n"], req["inputs"], req["outputs"]
    x = torch.rand(n, inputs, dtype=dtype, generator=gen)
    if req["kind"] == "forward":
        w = torch.rand(outputs, inputs, dtype=dtype, generator=gen) - 0.5
        b = torch.rand(outputs, dtype=dtype, generator=gen) - 0.5
        return lambda: torch.addmm(b, x, w.T)
    if req["kind"] == "weightGradient":
        d = torch.rand(n, outputs, dtype=dtype, generator=gen) - 0.5
        return lambda: (d.T @ x, d.sum(0))
    raise ValueError(f"no product {req['kind']!r}")


def main():
    torch.set_num_interop_threads(1)
    workloads = {}
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            op = req["op"]
            if op == "info":
                reply = {
                    "torch": torch.__version__,
                    "threads": torch.get_num_threads(),
                    "blas": blas_name(),
                    "capability": torch.backends.cpu.get_cpu_capability(),
                }
            elif op == "optimizer":
                workloads[req["id"]] = optimizer_workload(req)
                workloads[req["id"]]()  # warm-up: the first call allocates the optimizer's state
                reply = {"ok": True}
            elif op == "mlp":
                workloads[req["id"]] = mlp_workload(req)
                workloads[req["id"]]()  # warm-up
                reply = {"ok": True}
            elif op == "product":
                workloads[req["id"]] = product_workload(req)
                workloads[req["id"]]()  # warm-up
                reply = {"ok": True}
            elif op == "sample":
                torch.set_num_threads(req["threads"])
                reply = {"ms": sample(workloads[req["id"]], req["minMs"])}
            elif op == "drop":
                workloads.pop(req["id"], None)
                reply = {"ok": True}
            else:
                raise ValueError(f"unknown op {op!r}")
        except Exception as error:  # the Node side reports it and skips the column
            reply = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
