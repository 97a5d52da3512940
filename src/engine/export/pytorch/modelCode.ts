// The network of the exported script: hidden layers of `width` units (plain, or pre-norm residual blocks
// from layer 2 on), optional BatchNorm / LayerNorm, the activation, and a Linear head. While `taps` is a
// list, forward() keeps every tensor the statistics need, with retain_grad() for the gradients.
import type { Activation, RunConfig } from '../../config';
import { pyFloat } from './literal';

/** The nn module of each activation; GELU is the tanh approximation, as in our engine. */
export function activationModule(act: Activation, slope: number): string {
  switch (act) {
    case 'relu':
      return 'nn.ReLU()';
    case 'leaky_relu':
      return `nn.LeakyReLU(${pyFloat(slope)})`;
    case 'tanh':
      return 'nn.Tanh()';
    case 'sigmoid':
      return 'nn.Sigmoid()';
    case 'silu':
      return 'nn.SiLU()';
    case 'gelu':
      return "nn.GELU(approximate='tanh')";
    case 'selu':
      return 'nn.SELU()';
    case 'linear':
      return 'nn.Identity()';
  }
}

type ModelFields = Pick<RunConfig, 'act' | 'slope' | 'norm' | 'res' | 'rezero'>;

function normModule(norm: RunConfig['norm']): string {
  switch (norm) {
    case 'batch':
      return 'nn.BatchNorm1d(features, eps=1e-5, momentum=0.1)  # batch statistics in training mode';
    case 'layer':
      return 'nn.LayerNorm(features, eps=1e-5)';
    case 'none':
      return 'nn.Identity()';
  }
}

export function modelCode(c: ModelFields): string {
  return `# ── network ─────────────────────────────────────────────────────────────────────────────────────
def make_norm(features):
    return ${normModule(c.norm)}


class Layer(nn.Module):
    """Plain layer: z = W h + b, u = Norm(z), h' = φ(u).
    Residual block: u = Norm(x), a = φ(u), z = W a + b, x' = x + α z (α = 1, or a trained scalar from 0: ReZero)."""

    def __init__(self, n_in, n_out, residual):
        super().__init__()
        self.residual = residual
        self.linear = nn.Linear(n_in, n_out)
        self.norm = make_norm(n_in if residual else n_out)
        self.act = ${activationModule(c.act, c.slope)}
        self.alpha = nn.Parameter(torch.zeros(())) if residual and REZERO else None

    def forward(self, x, taps=None):
        if self.residual:
            u = self.norm(x)
            a = self.act(u)
            z = self.linear(a)
            out = x + (self.alpha * z if self.alpha is not None else z)
        else:
            z = self.linear(x)
            u = self.norm(z)
            out = a = self.act(u)
        if taps is not None:
            for t in (z, out):
                t.retain_grad()
            taps.append({"pre": z, "norm": u, "act": a, "stream": out})
        return out


class Net(nn.Module):
    def __init__(self, in_dim, classes):
        super().__init__()
        layers = [Layer(in_dim, WIDTH, False)]
        layers += [Layer(WIDTH, WIDTH, RESIDUAL) for _ in range(DEPTH - 1)]
        self.hidden = nn.ModuleList(layers)
        self.head = nn.Linear(WIDTH, classes)

    def forward(self, x, taps=None):
        for layer in self.hidden:
            x = layer(x, taps)
        return self.head(x)
`;
}
