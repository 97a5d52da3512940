#!/usr/bin/env python3
"""PyTorch baseline for `npm run bench`: the same MLP training step as InitScope's engines, timed the way
bench/page/measure.ts times them (interleaved windows of >= 20 steps, steps/s per window, medians).

The network: dims [in, width x depth, classes], nn.Linear layers (W [out, in]), phi after every hidden layer,
softmax cross-entropy, SGD with momentum 0.9 (PyTorch's heavy ball, as ours), Xavier-normal weights and zero
biases, batches of random row indices into a fixed random training set (the same shapes as ours: spiral is
1000 rows, 2 inputs, 3 classes; only the shapes matter for speed).

With --stats (the default), every step also computes InitScope's per-layer statistics on the device
(docs/MATH.md#statistics): activation mean, std, min, max, zero and saturated fractions and a 40-bin
histogram with under/over counts; pre-activation mean and std; delta std and rms; the weight-gradient norm;
weight std and the update ratio ||dW|| / ||W||. They are packed into one vector per step and copied to
pinned host memory without blocking, like our engine's readback ring, and synchronized once per window.

Modes:
  eager   plain PyTorch, fp32, TF32 off (torch.backends.*.allow_tf32 = False)
  graphs  the whole step (forward, backward, statistics, optimizer) captured once as a CUDA Graph and
          replayed (CUDA only)
  compile torch.compile(mode="reduce-overhead") of forward+loss (PyTorch >= 2; CUDA Graphs inside)

Prints one JSON object on stdout: the settings, versions, device, and for each mode the per-window
steps/s and their median. Runs on the CPU too (--device cpu) as a smoke test.
"""

import argparse
import json
import math
import statistics
import sys
import time

import torch
import torch.nn.functional as F

HIST_BINS = 40
SAT = 0.05  # a unit is saturated when |phi'(z)| < SAT * max|phi'|


def activation(name):
    """phi, phi'(z, h), histogram range (src/engine/stats/histogramRange.ts)."""
    if name == "relu":
        return torch.relu, lambda z, h: (z > 0).to(z.dtype), (0.0, 4.0)
    if name == "tanh":
        return torch.tanh, lambda z, h: 1 - h * h, (-1.0, 1.0)
    if name == "sigmoid":
        return torch.sigmoid, lambda z, h: h * (1 - h), (0.0, 1.0)
    if name == "silu":
        def dsilu(z, h):
            s = torch.sigmoid(z)
            return s * (1 + z * (1 - s))
        return F.silu, dsilu, (-4.0, 4.0)
    if name == "gelu":
        c, k = math.sqrt(2 / math.pi), 0.044715

        def dgelu(z, h):
            t = torch.tanh(c * (z + k * z ** 3))
            return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * c * (1 + 3 * k * z * z)
        return (lambda z: F.gelu(z, approximate="tanh")), dgelu, (-4.0, 4.0)
    if name == "linear":
        return (lambda z: z), (lambda z, h: torch.ones_like(z)), (-4.0, 4.0)
    raise SystemExit(f"unsupported activation {name}")


def max_abs_derivative(dphi, phi):
    z = torch.linspace(-12, 12, 24001, dtype=torch.float64)
    return float(dphi(z, phi(z)).abs().max())


class Step:
    """One training step on static tensors (so that a CUDA Graph can capture it)."""

    def __init__(self, a, device):
        torch.manual_seed(a.seed)
        g = torch.Generator().manual_seed(a.seed)
        dims = [a.inputs] + [a.width] * a.depth + [a.classes]
        self.layers = []
        for i in range(len(dims) - 1):
            lin = torch.nn.Linear(dims[i], dims[i + 1])
            torch.nn.init.xavier_normal_(lin.weight)
            torch.nn.init.zeros_(lin.bias)
            self.layers.append(lin.to(device))
        self.params = [p for lin in self.layers for p in lin.parameters()]
        self.opt = torch.optim.SGD(self.params, lr=a.lr, momentum=0.9)
        self.x_all = torch.randn(a.rows, a.inputs, generator=g).to(device)
        self.y_all = torch.randint(0, a.classes, (a.rows,), generator=g).to(device)
        self.schedule = torch.randint(0, a.rows, (64, a.batch), generator=g).to(device)
        self.idx = self.schedule[0].clone()
        self.phi, self.dphi, (self.lo, self.hi) = activation(a.act)
        self.sat_below = SAT * max_abs_derivative(self.dphi, self.phi)
        self.lr = a.lr
        self.stats = a.stats
        self.stat_len = a.depth * (16 + HIST_BINS)
        self.out = torch.zeros(2 + (self.stat_len if a.stats else 0), device=device)
        self.forward = self._forward
        self.lo, self.hi = float(self.lo), float(self.hi)

    def _forward(self, x):
        zs, hs = [], []
        h = x
        for lin in self.layers[:-1]:
            z = lin(h)
            if self.stats:
                z.retain_grad()
            h = self.phi(z)
            zs.append(z)
            hs.append(h)
        return self.layers[-1](h), zs, hs

    def run(self):
        # Gradients set to None, then allocated by backward: PyTorch's default, and what a CUDA Graph
        # capture needs (they then come from the graph's own memory pool and stay put between replays).
        self.opt.zero_grad(set_to_none=True)
        x = self.x_all[self.idx]
        y = self.y_all[self.idx]
        logits, zs, hs = self.forward(x)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        parts = [loss.detach().reshape(1), (logits.argmax(1) == y).float().mean().reshape(1)]
        if self.stats:
            gnorms = [lin.weight.grad.norm() for lin in self.layers[:-1]]
        self.opt.step()
        if self.stats:
            for i, (z, h) in enumerate(zip(zs, hs)):
                zd, hd, d = z.detach(), h.detach(), z.grad
                w = self.layers[i].weight.detach()
                buf = self.opt.state[self.layers[i].weight]["momentum_buffer"]
                # W moved by -lr * buf (no weight decay, no Nesterov): ||dW|| = lr * ||buf||, and ||W|| before
                # the update is ||W_now + lr * buf||.
                w_before = w + self.lr * buf
                hist = torch.histc(hd, bins=HIST_BINS, min=self.lo, max=self.hi)
                scalars = torch.stack([
                    hd.mean(), hd.std(unbiased=False), hd.min(), hd.max(),
                    (hd == 0).float().mean(), (self.dphi(zd, hd).abs() < self.sat_below).float().mean(),
                    (hd < self.lo).float().sum(), (hd > self.hi).float().sum(),
                    zd.mean(), zd.std(unbiased=False),
                    d.std(unbiased=False), d.pow(2).mean().sqrt(), gnorms[i],
                    w_before.std(unbiased=False), self.lr * buf.norm() / w_before.norm(), torch.zeros((), device=d.device),
                ])
                parts += [scalars, hist]
        self.out.copy_(torch.cat(parts))


def make_runner(a, mode, device):
    """A function k -> None that trains step k, and the step's output tensor (loss, accuracy, stats)."""
    step = Step(a, device)
    if mode == "compile":
        step.forward = torch.compile(step._forward, mode="reduce-overhead")
    if mode != "graphs":
        def run(k):
            step.idx.copy_(step.schedule[k % 64])
            step.run()
        return run, step.out
    # Whole-step capture (PyTorch docs, "whole network capture"): warm up on a side stream so that lazily
    # created state (momentum buffers, grads) exists, then capture one step and replay it.
    s = torch.cuda.Stream()
    s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        for _ in range(3):
            step.run()
    torch.cuda.current_stream().wait_stream(s)
    graph = torch.cuda.CUDAGraph()
    step.opt.zero_grad(set_to_none=True)
    with torch.cuda.graph(graph):
        step.run()

    def replay(k):
        step.idx.copy_(step.schedule[k % 64])
        graph.replay()
    return replay, step.out


def time_windows(runners, a, device):
    """Interleaved windows (A B C A B C ...), each >= 20 steps and about window_ms long."""
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    pinned = device.type == "cuda"
    sizes, host = {}, {}
    for name, (run, out) in runners.items():
        host[name] = torch.empty(out.shape, pin_memory=pinned)
        t0 = time.perf_counter()
        steps = 0
        while time.perf_counter() - t0 < a.warmup_ms / 1000 or steps < 3:
            run(steps)
            host[name].copy_(out, non_blocking=pinned)
            steps += 1
            sync()
        per = (time.perf_counter() - t0) / steps
        sizes[name] = max(20, round(a.window_ms / 1000 / per))
    rates = {name: [] for name in runners}
    k = 0
    for _ in range(a.rounds):
        for name, (run, out) in runners.items():
            sync()
            t0 = time.perf_counter()
            for _ in range(sizes[name]):
                run(k)
                host[name].copy_(out, non_blocking=pinned)
                k += 1
            sync()
            rates[name].append(sizes[name] / (time.perf_counter() - t0))
    return rates, sizes, {name: host[name][:2].tolist() for name in runners}


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--depth", type=int, default=10)
    p.add_argument("--width", type=int, default=64)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--inputs", type=int, default=2, help="input size (spiral: 2)")
    p.add_argument("--classes", type=int, default=3, help="classes (spiral: 3)")
    p.add_argument("--rows", type=int, default=1000, help="training rows (spiral: 1000)")
    p.add_argument("--act", default="relu")
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--modes", default="eager,graphs", help="comma-separated: eager, graphs, compile")
    p.add_argument("--stats", choices=["with", "without", "both"], default="both")
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--window-ms", type=float, default=1500)
    p.add_argument("--warmup-ms", type=float, default=1500)
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    a = p.parse_args(argv)
    device = torch.device(a.device)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    modes = [m for m in a.modes.split(",") if m]
    if device.type != "cuda" and "graphs" in modes:
        print("graphs mode needs CUDA: skipped", file=sys.stderr)
        modes.remove("graphs")
    if "compile" in modes and not hasattr(torch, "compile"):
        print(f"torch.compile needs PyTorch >= 2 (this is {torch.__version__}): skipped", file=sys.stderr)
        modes.remove("compile")
    runners = {}
    for stats in {"with": [True], "without": [False], "both": [True, False]}[a.stats]:
        for mode in modes:
            a.stats = stats
            runners[f"{mode}{'' if stats else '_nostats'}"] = make_runner(a, mode, device)
    rates, sizes, last = time_windows(runners, a, device)
    result = {
        "config": f"depth={a.depth}&width={a.width}&batch={a.batch}",
        "settings": {k: v for k, v in vars(a).items() if k not in ("stats",)},
        "torch": torch.__version__,
        "device": torch.cuda.get_device_name(device) if device.type == "cuda" else f"cpu ({torch.get_num_threads()} threads)",
        "tf32": False,
        "steps_per_window": sizes,
        "steps_per_s": {name: statistics.median(r) for name, r in rates.items()},
        "windows": rates,
        "last_loss_accuracy": last,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
