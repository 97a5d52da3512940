// The dataset part of the exported script, in torch and the standard library only. The 2-D sets and the
// probe follow the same recipe as ../../data (shapes, noise, sizes, labels, standardization with the
// training split's statistics); PyTorch's random numbers are not our Philox stream, so the points differ
// while their distribution is the same. Fashion-MNIST is read from the original IDX .gz files.
import type { RunConfig } from '../../config';
import { PROBE_CLASSES, TWO_D_SIZES } from '../../data/shape';
import { GAUSSIAN_CENTERS, GAUSSIAN_SPREAD } from '../../data/twoD';
import { CSV_CODE } from './csvCode';
import { pyFloat, pyString } from './literal';

const HEADER = `# ── data ────────────────────────────────────────────────────────────────────────────────────────
`;

function twoDCode(noise: number): string {
  const centers = GAUSSIAN_CENTERS.map(([x, y]) => `(${pyFloat(x)}, ${pyFloat(y)})`).join(', ');
  return `TWO_D_CLASSES = {"spiral": 3, "circles": 2, "xor": 2, "gaussians": 4, "moons": 2}
TWO_D_TRAIN, TWO_D_TEST = ${TWO_D_SIZES.nTrain}, ${TWO_D_SIZES.nTest}
NOISE = ${pyFloat(noise)}
GAUSSIAN_CENTERS = [${centers}]
GAUSSIAN_SPREAD = ${pyFloat(GAUSSIAN_SPREAD)}


def two_d(name, n, g):
    """n points of a 2-D set; labels cycle through the classes, so the set is balanced."""
    f64 = torch.float64
    classes = TWO_D_CLASSES[name]
    i = torch.arange(n)
    c = i % classes
    cd = c.to(f64)
    u0 = torch.rand(n, generator=g, dtype=f64)
    u1 = torch.rand(n, generator=g, dtype=f64)
    if name == "spiral":  # three arms, one turn each, radius growing along the arm
        theta = 2 * math.pi * cd / 3 + 2 * math.pi * u0
        px, py = u0 * torch.cos(theta), u0 * torch.sin(theta)
    elif name == "circles":
        r = 1.0 - 0.5 * cd
        theta = 2 * math.pi * u0
        px, py = r * torch.cos(theta), r * torch.sin(theta)
    elif name == "xor":  # class 0 in quadrants (+,+) and (−,−), class 1 in the others; 0.05 off the axes
        s = 1.0 - 2.0 * ((i // classes) % 2).to(f64)
        px = s * (0.05 + 0.95 * u0)
        py = s * (1.0 - 2.0 * cd) * (0.05 + 0.95 * u1)
    elif name == "gaussians":
        centers = torch.tensor(GAUSSIAN_CENTERS, dtype=f64)[c]
        px = centers[:, 0] + GAUSSIAN_SPREAD * torch.randn(n, generator=g, dtype=f64)
        py = centers[:, 1] + GAUSSIAN_SPREAD * torch.randn(n, generator=g, dtype=f64)
    elif name == "moons":
        theta = math.pi * u0
        top = c == 0
        px = torch.where(top, torch.cos(theta), 1 - torch.cos(theta))
        py = torch.where(top, torch.sin(theta), 0.5 - torch.sin(theta))
    else:
        raise ValueError("unknown 2-D dataset " + name)
    x = torch.stack([px, py], 1) + NOISE * torch.randn(n, 2, generator=g, dtype=f64)
    return x, c


def standardize(x_train, x_test):
    """Both splits shifted and scaled by the TRAINING split's per-feature mean and population std."""
    mean = x_train.mean(0)
    std = x_train.std(0, unbiased=False)
    std[std == 0] = 1  # a constant feature is left unscaled
    return ((x_train - mean) / std).float(), ((x_test - mean) / std).float()


`;
}

const PROBE_CODE = `PROBE_CLASSES = ${PROBE_CLASSES}


def probe_data(in_dim, g):
    """N(0, 1) inputs with random labels: a probe of signal propagation, not a learnable task."""
    n_train = max(512, min(4096, 2**22 // in_dim))  # fewer rows for very wide inputs
    n_test = n_train // 4
    x_tr = torch.randn(n_train, in_dim, generator=g)
    x_te = torch.randn(n_test, in_dim, generator=g)
    y_tr = torch.randint(0, PROBE_CLASSES, (n_train,), generator=g)
    y_te = torch.randint(0, PROBE_CLASSES, (n_test,), generator=g)
    return x_tr, y_tr, x_te, y_te, PROBE_CLASSES


`;

const FASHION_CODE = `def read_idx(path):
    """A gzipped IDX file (the format of the original MNIST / Fashion-MNIST downloads) as a uint8 tensor."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4 : 4 + 4 * ndim])
    return torch.frombuffer(bytearray(data[4 + 4 * ndim :]), dtype=torch.uint8).reshape(dims)


def fashion_data(folder):
    """Fashion-MNIST from its four .gz files; pixels standardized with one mean and std over the training set."""
    if folder is None:
        sys.exit("This network trains on Fashion-MNIST: pass --fashion DIR, the folder holding "
                 "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz "
                 "and t10k-labels-idx1-ubyte.gz (e.g. from github.com/zalandoresearch/fashion-mnist).")
    def part(prefix):
        x = read_idx(os.path.join(folder, prefix + "-images-idx3-ubyte.gz")).reshape(-1, 784).double() / 255
        y = read_idx(os.path.join(folder, prefix + "-labels-idx1-ubyte.gz")).long()
        return x, y
    x_tr, y_tr = part("train")
    x_te, y_te = part("t10k")
    mean, std = x_tr.mean(), x_tr.std(unbiased=False)
    return ((x_tr - mean) / std).float(), y_tr, ((x_te - mean) / std).float(), y_te, 10


`;

const BATCHES_CODE = `class Batches:
    """Training rows of step k: epochs of shuffled rows; a batch that crosses an epoch's end continues
    into the next epoch's order, so every row is seen once per epoch."""

    def __init__(self, n, batch, seed):
        self.n, self.batch, self.seed, self.perms = n, batch, seed, {}

    def perm(self, epoch):
        if epoch not in self.perms:
            if len(self.perms) >= 2:
                self.perms.pop(min(self.perms))
            g = torch.Generator().manual_seed((self.seed * 1000003 + epoch + 1) % 2**63)
            self.perms[epoch] = torch.randperm(self.n, generator=g)
        return self.perms[epoch]

    def indices(self, step):
        p, parts, left = step * self.batch, [], self.batch
        while left > 0:
            epoch, offset = divmod(p, self.n)
            take = min(left, self.n - offset)
            parts.append(self.perm(epoch)[offset : offset + take])
            p, left = p + take, left - take
        return torch.cat(parts)
`;

/** load_data for this config's dataset: the generator seeded with the run's seed. */
function loadDataCode(c: DataFields): string {
  const head = `def load_data(seed, args):
    """(x_train, y_train, x_test, y_test, classes) of the ${c.data} dataset."""
    g = torch.Generator().manual_seed(seed)
`;
  switch (c.data) {
    case 'fashion':
      return `${head}    return fashion_data(args.fashion)\n`;
    case 'probe':
      return `${head}    return probe_data(${c.in > 0 ? c.in : c.width}, g)\n`;
    case 'local':
      return `${head}    return csv_data(args.csv, args.label, g)\n`;
    default:
      return `${head}    x_tr, y_tr = two_d(${pyString(c.data)}, TWO_D_TRAIN, g)
    x_te, y_te = two_d(${pyString(c.data)}, TWO_D_TEST, g)
    x_tr, x_te = standardize(x_tr, x_te)
    return x_tr, y_tr, x_te, y_te, TWO_D_CLASSES[${pyString(c.data)}]
`;
  }
}

type DataFields = Pick<RunConfig, 'data' | 'noise' | 'in' | 'width'>;

export function dataCode(c: DataFields): string {
  const sets =
    c.data === 'fashion'
      ? FASHION_CODE
      : c.data === 'probe'
        ? PROBE_CODE
        : c.data === 'local'
          ? CSV_CODE
          : twoDCode(c.noise);
  return `${HEADER}${sets}${loadDataCode(c)}\n\n${BATCHES_CODE}`;
}
