#!/usr/bin/env python3
"""PyTorch reference for flatminima's float path, run by `flatminima bench float` and .ci/compare-torch.

Modes (one JSON object per line on stdout):
  bench --width D --depth M --samples N --iterations K --repeats R --dtype float32|float64
      times the full-batch gradient, one Hessian-vector product (double backward from scratch), and K power
      iterations in the PyHessian style (one forward and create_graph backward, then K products with the graph
      retained), and K power iterations that recompute forward and backward each iteration (as PyHessian does
      over a data loader), single thread; wall-clock and process CPU seconds.
  sharpness --weights W.npz --inputs X.npy --targets Y.npy --iterations K [--activation relu|linear]
      plain HVP power iteration (as PyHessian) in float64 on the loss (1/n) sum ||y - f(x)||^2; prints lambda.
  lambda --weights W.npz --inputs X.npy --targets Y.npy --dtype float32|float64 --threads T --tol EPS --max-iter K
      time to lambda_max as PyHessian computes it (hessian.eigenvalues(top_n=1), defaults tol 1e-3, maxIter 100):
      one forward and create_graph backward, then power iteration with the graph retained, stopping when the
      Rayleigh quotient changes by less than tol relative; prints lambda, the HVP count and the seconds. With
      --reference L it iterates on (up to --max-iter products) until the Rayleigh quotient is within --within
      (relative) of L and also prints the HVP count and the seconds at that point (*_within).
"""
import argparse
import json
import sys
import time

import torch

torch.set_num_threads(1)


def forward(params, x, activation, biases):
    h = x
    m = len(params) // (2 if biases else 1)
    for j in range(m):
        w = params[2 * j] if biases else params[j]
        h = h @ w.T
        if biases:
            h = h + params[2 * j + 1]
        if j < m - 1 and activation == "relu":
            h = torch.relu(h)
    return h


def loss_fn(params, x, y, activation, biases):
    return ((forward(params, x, activation, biases) - y) ** 2).sum() / x.shape[0]


def bench(a):
    dtype = torch.float32 if a.dtype == "float32" else torch.float64
    g = torch.Generator().manual_seed(7)
    x = torch.randn(a.samples, a.width, generator=g, dtype=dtype)
    y = torch.randn(a.samples, a.width, generator=g, dtype=dtype)
    params = [(torch.randn(a.width, a.width, generator=g, dtype=dtype) * (2.0 / a.width) ** 0.5).requires_grad_()
              for _ in range(a.depth)]
    v = [torch.randn(p.shape, generator=g, dtype=dtype) for p in params]

    def gradient():
        loss = loss_fn(params, x, y, "relu", False)
        return torch.autograd.grad(loss, params)

    def hvp():
        loss = loss_fn(params, x, y, "relu", False)
        grads = torch.autograd.grad(loss, params, create_graph=True)
        return torch.autograd.grad(grads, params, grad_outputs=v)

    def power():
        loss = loss_fn(params, x, y, "relu", False)
        grads = torch.autograd.grad(loss, params, create_graph=True)
        u = [t / torch.sqrt(sum((s * s).sum() for s in v)) for t in v]
        lam = None
        for _ in range(a.iterations):
            hu = torch.autograd.grad(grads, params, grad_outputs=u, retain_graph=True)
            lam = sum((h * w).sum() for h, w in zip(hu, u)).item()
            norm = torch.sqrt(sum((h * h).sum() for h in hu))
            u = [h / norm for h in hu]
        return lam

    def power_recompute():
        u = [t / torch.sqrt(sum((s * s).sum() for s in v)) for t in v]
        lam = None
        for _ in range(a.iterations):
            loss = loss_fn(params, x, y, "relu", False)
            grads = torch.autograd.grad(loss, params, create_graph=True)
            hu = torch.autograd.grad(grads, params, grad_outputs=u)
            lam = sum((h * w).sum() for h, w in zip(hu, u)).item()
            norm = torch.sqrt(sum((h * h).sum() for h in hu))
            u = [h / norm for h in hu]
        return lam

    gradient()
    hvp()
    times = {"gradient": [], "hvp": [], "power%d" % a.iterations: [], "power%d_recompute" % a.iterations: []}
    cpu = {name: [] for name in times}
    for _ in range(a.repeats):
        for name, fn in (("gradient", gradient), ("hvp", hvp), ("power%d" % a.iterations, power),
                         ("power%d_recompute" % a.iterations, power_recompute)):
            s = time.perf_counter()
            c = time.process_time()
            fn()
            times[name].append(time.perf_counter() - s)
            cpu[name].append(time.process_time() - c)
    out = {"torch": torch.__version__, "threads": torch.get_num_threads(), "dtype": a.dtype}
    for name, ts in times.items():
        ts = sorted(ts)
        out[name] = {"best_s": ts[0], "median_s": ts[len(ts) // 2], "best_cpu_s": min(cpu[name]), "repeats": len(ts)}
    print(json.dumps(out))


def sharpness(a):
    import numpy as np
    w = np.load(a.weights)
    m = 0
    while ("W%d" % (m + 1)) in w.files:
        m += 1
    biases = "b1" in w.files
    params = []
    for j in range(1, m + 1):
        params.append(torch.tensor(w["W%d" % j], dtype=torch.float64, requires_grad=True))
        if biases:
            params.append(torch.tensor(w["b%d" % j], dtype=torch.float64, requires_grad=True))
    x = torch.tensor(np.load(a.inputs), dtype=torch.float64)
    y = torch.tensor(np.load(a.targets), dtype=torch.float64)
    loss = loss_fn(params, x, y, a.activation, biases)
    grads = torch.autograd.grad(loss, params, create_graph=True)
    g = torch.Generator().manual_seed(0)
    u = [torch.randn(p.shape, generator=g, dtype=torch.float64) for p in params]
    norm = torch.sqrt(sum((t * t).sum() for t in u))
    u = [t / norm for t in u]
    lam = None
    for _ in range(a.iterations):
        hu = torch.autograd.grad(grads, params, grad_outputs=u, retain_graph=True)
        lam = sum((h * t).sum() for h, t in zip(hu, u)).item()
        norm = torch.sqrt(sum((h * h).sum() for h in hu))
        u = [h / norm for h in hu]
    print(json.dumps({"lambda_power": lam, "iterations": a.iterations, "loss": loss.item(), "torch": torch.__version__}))


def load(a, dtype):
    import numpy as np
    w = np.load(a.weights)
    m = 0
    while ("W%d" % (m + 1)) in w.files:
        m += 1
    biases = "b1" in w.files
    params = []
    for j in range(1, m + 1):
        params.append(torch.tensor(w["W%d" % j], dtype=dtype, requires_grad=True))
        if biases:
            params.append(torch.tensor(w["b%d" % j], dtype=dtype, requires_grad=True))
    x = torch.tensor(np.load(a.inputs), dtype=dtype)
    y = torch.tensor(np.load(a.targets), dtype=dtype)
    return params, x, y, biases


def time_to_lambda(a):
    torch.set_num_threads(a.threads)
    dtype = torch.float32 if a.dtype == "float32" else torch.float64
    params, x, y, biases = load(a, dtype)
    g = torch.Generator().manual_seed(a.seed)
    v0 = [torch.randn(p.shape, generator=g, dtype=dtype) for p in params]
    start = time.perf_counter()
    cpu = time.process_time()
    loss = loss_fn(params, x, y, a.activation, biases)
    grads = torch.autograd.grad(loss, params, create_graph=True)
    norm = torch.sqrt(sum((t * t).sum() for t in v0))
    v = [t / norm for t in v0]
    eigenvalue = None
    hvps = 0
    stop = None  # (lambda, hvps, seconds, cpu) where PyHessian stops
    within = None  # the same where the Rayleigh quotient is first within --within of --reference
    for _ in range(a.max_iter):
        hv = torch.autograd.grad(grads, params, grad_outputs=v, retain_graph=True)
        hvps += 1
        tmp = sum((h * t).sum() for h, t in zip(hv, v)).item()
        norm = torch.sqrt(sum((h * h).sum() for h in hv))
        v = [h / (norm + 1e-6) for h in hv]
        now = (time.perf_counter() - start, time.process_time() - cpu)
        if within is None and a.reference is not None and abs(tmp - a.reference) <= a.within * abs(a.reference):
            within = (tmp, hvps) + now
        if stop is None and eigenvalue is not None and abs(eigenvalue - tmp) / (abs(eigenvalue) + 1e-6) < a.tol:
            stop = (eigenvalue, hvps) + now  # PyHessian keeps the previous Rayleigh quotient when it stops
        eigenvalue = tmp
        if stop is not None and (within is not None or a.reference is None):
            break
    out = {"threads": torch.get_num_threads(), "torch": torch.__version__, "tol": a.tol, "max_iter": a.max_iter}
    for key, r in (("", stop), ("_within", within)):
        out["lambda" + key] = None if r is None else r[0]
        out["hvps" + key] = None if r is None else r[1]
        out["seconds" + key] = None if r is None else r[2]
        out["cpu_s" + key] = None if r is None else r[3]
    print(json.dumps(out))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="mode", required=True)
    b = sub.add_parser("bench")
    b.add_argument("--width", type=int, default=784)
    b.add_argument("--depth", type=int, default=6)
    b.add_argument("--samples", type=int, default=2000)
    b.add_argument("--iterations", type=int, default=20)
    b.add_argument("--repeats", type=int, default=3)
    b.add_argument("--dtype", default="float32")
    s = sub.add_parser("sharpness")
    s.add_argument("--weights", required=True)
    s.add_argument("--inputs", required=True)
    s.add_argument("--targets", required=True)
    s.add_argument("--iterations", type=int, default=1000)
    s.add_argument("--activation", default="relu")
    t = sub.add_parser("lambda")
    t.add_argument("--weights", required=True)
    t.add_argument("--inputs", required=True)
    t.add_argument("--targets", required=True)
    t.add_argument("--dtype", default="float32")
    t.add_argument("--threads", type=int, default=1)
    t.add_argument("--tol", type=float, default=1e-3)
    t.add_argument("--max-iter", type=int, default=100)
    t.add_argument("--reference", type=float, default=None)
    t.add_argument("--within", type=float, default=1e-4)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--activation", default="relu")
    a = p.parse_args()
    {"bench": bench, "sharpness": sharpness, "lambda": time_to_lambda}[a.mode](a)


if __name__ == "__main__":
    sys.exit(main())
