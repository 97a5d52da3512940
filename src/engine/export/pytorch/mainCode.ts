// The driver of the exported script: build and initialize the model, the step-0 statistics (--json), the
// training loop (--steps N) and the command line. Statistics follow our records: population std over
// batch × units of z (pre), φ's output (act) and ∂L/∂z (grad); `norm` is Norm's output u and `stream` the
// residual stream x and ∂L/∂x, where those apply.
import { ADAM, type RunConfig } from '../../config';
import { pyFloat } from './literal';

type MainFields = Pick<RunConfig, 'init' | 'loss' | 'opt' | 'lr' | 'momentum' | 'batch' | 'norm' | 'res'>;

function optimizerCode(c: MainFields): string {
  switch (c.opt) {
    case 'sgd':
      return `torch.optim.SGD(model.parameters(), lr=${pyFloat(c.lr)})`;
    case 'momentum':
      return `torch.optim.SGD(model.parameters(), lr=${pyFloat(c.lr)}, momentum=${pyFloat(c.momentum)})`;
    case 'adam':
      return `torch.optim.Adam(model.parameters(), lr=${pyFloat(c.lr)}, betas=(${pyFloat(ADAM.beta1)}, ${pyFloat(ADAM.beta2)}), eps=${pyFloat(ADAM.eps)})`;
  }
}

function lossCode(loss: RunConfig['loss']): string {
  return loss === 'ce'
    ? '    return F.cross_entropy(logits, y)'
    : '    # mean squared error against one-hot targets, averaged over batch × classes\n' +
        '    return F.mse_loss(logits, F.one_hot(y, logits.shape[1]).to(logits.dtype))';
}

export function mainCode(c: MainFields): string {
  const lsuv = c.init === 'lsuv';
  return `# ── run ─────────────────────────────────────────────────────────────────────────────────────────
def loss_fn(logits, y):
${lossCode(c.loss)}


def build(seed, args):
    """Data, the initialized model, and the training-batch order, all from one seed."""
    torch.manual_seed(seed)
    x_tr, y_tr, x_te, y_te, classes = load_data(seed, args)
    batches = Batches(len(y_tr), BATCH, seed)
    model = Net(x_tr.shape[1], classes)
    model.apply(weights_init)
${lsuv ? '    lsuv_(model, x_tr[batches.indices(0)])\n' : ''}    return model, (x_tr, y_tr, x_te, y_te), batches


def pstd(t):
    """Population std over every entry (batch × units), as InitScope reports it."""
    return float(t.detach().double().std(unbiased=False)) if t is not None else 0.0


def init_stats(seed, args):
    """One forward and backward pass of the network at initialization on the first training batch."""
    model, (x_tr, y_tr, _, _), batches = build(seed, args)
    idx = batches.indices(0)
    taps = []
    model.train()
    logits = model(x_tr[idx], taps)
    loss = loss_fn(logits, y_tr[idx])
    loss.backward()
    layers = []
    for i, t in enumerate(taps):
        entry = {
            "layer": i + 1,
            "pre": {"mean": float(t["pre"].detach().double().mean()), "std": pstd(t["pre"])},
            "act": {"mean": float(t["act"].detach().double().mean()), "std": pstd(t["act"])},
            "grad": {"std": pstd(t["pre"].grad)},
        }
        if NORM != "none":
            entry["norm"] = {"mean": float(t["norm"].detach().double().mean()), "std": pstd(t["norm"])}
        if RESIDUAL:
            entry["stream"] = {"std": pstd(t["stream"]), "gradStd": pstd(t["stream"].grad)}
        layers.append(entry)
    accuracy = float((logits.argmax(1) == y_tr[idx]).double().mean())
    return {"seed": seed, "loss": float(loss), "accuracy": accuracy, "layers": layers}


def evaluate(model, x, y):
    model.eval()  # BatchNorm uses its running statistics here
    with torch.no_grad():
        logits = model(x)
        return float(loss_fn(logits, y)), float((logits.argmax(1) == y).double().mean())


def train(steps, seed, args):
    model, (x_tr, y_tr, x_te, y_te), batches = build(seed, args)
    opt = ${optimizerCode(c)}
    every = max(1, steps // 20)
    losses = []
    for step in range(steps):
        idx = batches.indices(step)
        model.train()
        loss = loss_fn(model(x_tr[idx]), y_tr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(float(loss))
        if not args.json and (step % every == 0 or step == steps - 1):
            print("step %6d  loss %.5g" % (step, losses[-1]), flush=True)
    test_loss, test_acc = evaluate(model, x_te, y_te)
    if args.json:
        print(json.dumps({"steps": steps, "loss": losses, "test": {"loss": test_loss, "accuracy": test_acc}}))
    else:
        print("test loss %.5g  accuracy %.4f" % (test_loss, test_acc))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--steps", type=int, default=0, help="training steps (0: statistics at initialization)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--seed", type=int, default=SEED, help="seed of data, weights and batches")
    p.add_argument("--fashion", help="folder with the Fashion-MNIST .gz files (Fashion-MNIST runs only)")
    p.add_argument("--csv", help="your CSV file (runs on your own data only)")
    p.add_argument("--label", help="name of the CSV's label column (default: the last column)")
    args = p.parse_args(argv)
    if args.steps > 0:
        train(args.steps, args.seed, args)
        return
    stats = init_stats(args.seed, args)
    if args.json:
        print(json.dumps(stats))
        return
    print("at initialization, batch of %d: loss %.5g" % (BATCH, stats["loss"]))
    print("layer        pre std        act std       grad std")
    for l in stats["layers"]:
        print("%5d %14.4g %14.4g %14.4g" % (l["layer"], l["pre"]["std"], l["act"]["std"], l["grad"]["std"]))


if __name__ == "__main__":
    main()
`;
}
