"""Step-0 statistics of InitScope conv networks (arch=conv) computed by PyTorch, for cross-checking.

Reads a JSON list of jobs on stdin: {"config": {...RunConfig subset...}, "seeds": [..]} and prints one JSON
list: per job, per seed, the per-layer statistics of one forward and backward pass at initialization on a
batch of probe images (N(0, 1), `in` channels (0: 1) x 28 x 28, uniform random labels, cross-entropy),
with the definitions of docs/LAYERS.md: nn.Conv2d (stride 1, padding k//2), nn.BatchNorm2d or
nn.GroupNorm(1, C), the pre-norm residual block, F.avg_pool2d(., 2) after every p-th layer while the side
is >= 2, then the mean over H x W and nn.Linear. pre = z, act = phi's output, grad = dL/dz, norm = the
normalization's output, stream = the residual stream x and dL/dx after the pool. Only torch and the
standard library.
"""
import json
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

ACTS = {"relu": torch.relu, "tanh": torch.tanh, "linear": lambda t: t, "sigmoid": torch.sigmoid}
NONLIN = {"relu": "relu", "tanh": "tanh", "linear": "linear", "sigmoid": "sigmoid"}


def init_map(m, cfg):
    """torch.nn.init on a Conv2d or Linear, which computes PyTorch's own fans (conv: C*k*k, N*k*k)."""
    init, act = cfg["init"], cfg["act"]
    conv = isinstance(m, nn.Conv2d)
    if init == "torch_default":
        m.reset_parameters()
        return
    if init == "article":
        if conv:
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        else:
            nn.init.kaiming_uniform_(m.weight, nonlinearity="relu")
    elif init in ("kaiming_normal", "kaiming_uniform"):
        mode = cfg.get("mode", "fan_in")
        f = nn.init.kaiming_normal_ if init == "kaiming_normal" else nn.init.kaiming_uniform_
        f(m.weight, mode=mode, nonlinearity=NONLIN[act])
    elif init == "xavier_normal":
        nn.init.xavier_normal_(m.weight)
    elif init == "xavier_uniform":
        nn.init.xavier_uniform_(m.weight)
    else:
        raise ValueError("unsupported init " + init)
    if m.bias is not None:
        nn.init.zeros_(m.bias)


def make_norm(kind, c):
    if kind == "batch":
        return nn.BatchNorm2d(c)
    if kind == "layer":
        return nn.GroupNorm(1, c)
    return None


def step0(cfg, seed):
    torch.manual_seed(seed)
    depth, width, batch = cfg["depth"], cfg["width"], cfg["batch"]
    k, pool = cfg.get("kernel", 3), cfg.get("pool", 0)
    c_in = cfg.get("in", 0) or 1
    phi = ACTS[cfg["act"]]
    norm_kind = cfg.get("norm", "none")
    res, rezero = cfg.get("res", 0) == 1, cfg.get("rezero", 0) == 1
    convs = [nn.Conv2d(c_in if l == 0 else width, width, k, padding=k // 2) for l in range(depth)]
    head = nn.Linear(width, 10)
    for m in convs + [head]:
        init_map(m, cfg)
    norms = [make_norm(norm_kind, width) for _ in range(depth)]
    alphas = [torch.zeros((), requires_grad=True) if rezero else torch.ones(()) for _ in range(depth)]
    x = torch.randn(batch, c_in, 28, 28)
    y = torch.randint(0, 10, (batch,))
    keep = []
    h = x
    for l in range(depth):
        rec = {}
        if l == 0 or not res:
            z = convs[l](h)
            u = norms[l](z) if norms[l] is not None else z
            a = phi(u)
            h = a
            rec.update(z=z, a=a, u=u if norms[l] is not None else None)
        else:
            v = norms[l](h) if norms[l] is not None else h
            a = phi(v)
            z = convs[l](a)
            h = h + alphas[l] * z
            rec.update(z=z, a=a, u=v if norms[l] is not None else None)
        if pool > 0 and (l + 1) % pool == 0 and h.shape[-1] >= 2:
            h = F.avg_pool2d(h, 2)
        if res:
            rec["x"] = h
        for t in rec.values():
            if t is not None and t.requires_grad:
                t.retain_grad()
        keep.append(rec)
    loss = F.cross_entropy(head(h.mean(dim=(2, 3))), y)
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
    torch.set_num_threads(1)
    print(json.dumps([[step0(job["config"], s) for s in job["seeds"]] for job in jobs]))


if __name__ == "__main__":
    main()
