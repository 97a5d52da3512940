"""Step-0 statistics of InitScope networks computed by PyTorch, for cross-checking our engines.

Reads a JSON list of jobs on stdin: {"config": {...RunConfig subset...}, "seeds": [..]} and prints one JSON
list: per job, per seed, the per-layer statistics of one forward and backward pass at initialization on a
batch of probe data (N(0, 1) inputs, uniform random labels, cross-entropy), with the definitions of
docs/LAYERS.md and docs of the stats record: pre = z, act = phi's output, grad = dL/dz, norm = the
normalization's output, stream = the residual stream x and dL/dx. Only torch and the standard library.
"""
import json
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

GAINS = {"relu": math.sqrt(2.0), "tanh": 5.0 / 3.0, "linear": 1.0, "sigmoid": 1.0}
ACTS = {"relu": torch.relu, "tanh": torch.tanh, "linear": lambda t: t, "sigmoid": torch.sigmoid}


def init_linear(lin, cfg):
    init, act = cfg["init"], cfg["act"]
    gain = GAINS[act] if cfg.get("gain", "auto") == "auto" else float(cfg["gain"])
    if init == "kaiming_normal":
        std = gain / math.sqrt(lin.in_features if cfg.get("mode", "fan_in") == "fan_in" else lin.out_features)
        nn.init.normal_(lin.weight, 0.0, std)
    elif init == "kaiming_uniform":
        fan = lin.in_features if cfg.get("mode", "fan_in") == "fan_in" else lin.out_features
        nn.init.uniform_(lin.weight, -gain * math.sqrt(3.0 / fan), gain * math.sqrt(3.0 / fan))
    elif init == "xavier_normal":
        nn.init.xavier_normal_(lin.weight, gain=1.0 if cfg.get("gain", "auto") == "auto" else float(cfg["gain"]))
    elif init == "xavier_uniform":
        nn.init.xavier_uniform_(lin.weight, gain=1.0 if cfg.get("gain", "auto") == "auto" else float(cfg["gain"]))
    elif init == "normal":
        nn.init.normal_(lin.weight, 0.0, float(cfg.get("std", 0.01)))
    else:
        raise ValueError("unsupported init " + init)
    nn.init.zeros_(lin.bias)


def make_norm(kind, n):
    if kind == "batch":
        return nn.BatchNorm1d(n)
    if kind == "layer":
        return nn.LayerNorm(n)
    return None


def step0(cfg, seed):
    torch.manual_seed(seed)
    depth, width, batch = cfg["depth"], cfg["width"], cfg["batch"]
    n_in = cfg.get("in", 0) or width
    phi = ACTS[cfg["act"]]
    norm_kind = cfg.get("norm", "none")
    res, rezero = cfg.get("res", 0) == 1, cfg.get("rezero", 0) == 1
    lins = [nn.Linear(n_in if l == 0 else width, width) for l in range(depth)]
    head = nn.Linear(width, 10)
    for lin in lins + [head]:
        init_linear(lin, cfg)
    norms = [make_norm(norm_kind, width) for _ in range(depth)]
    alphas = [torch.zeros((), requires_grad=True) if rezero else torch.ones(()) for _ in range(depth)]
    x = torch.randn(batch, n_in)
    y = torch.randint(0, 10, (batch,))
    keep = []
    h = x
    for l in range(depth):
        rec = {}
        if l == 0 or not res:
            z = lins[l](h)
            u = norms[l](z) if norms[l] is not None else z
            a = phi(u)
            h = a
            rec.update(z=z, a=a, u=u if norms[l] is not None else None)
            if res:
                rec["x"] = h
        else:
            v = norms[l](h) if norms[l] is not None else h
            a = phi(v)
            z = lins[l](a)
            h = h + alphas[l] * z
            rec.update(z=z, a=a, u=v if norms[l] is not None else None, x=h)
        for t in rec.values():
            if t is not None and t.requires_grad:
                t.retain_grad()
        keep.append(rec)
    loss = F.cross_entropy(head(h), y)
    loss.backward()

    def pstd(t):
        return float(t.detach().double().std(unbiased=False))

    layers = []
    for l, rec in enumerate(keep):
        out = {
            "layer": l + 1,
            "pre": {"std": pstd(rec["z"])},
            "act": {"std": pstd(rec["a"])},
            "grad": {"std": pstd(rec["z"].grad)},
        }
        if rec["u"] is not None:
            out["norm"] = {"mean": float(rec["u"].detach().double().mean()), "std": pstd(rec["u"])}
        if "x" in rec:
            out["stream"] = {"std": pstd(rec["x"]), "gradStd": pstd(rec["x"].grad)}
        layers.append(out)
    return {"loss": float(loss), "layers": layers}


def main():
    jobs = json.load(sys.stdin)
    torch.set_default_dtype(torch.float32)
    print(json.dumps([[step0(job["config"], s) for s in job["seeds"]] for job in jobs]))


if __name__ == "__main__":
    main()
