// One self-contained Python script for a run (torch ≥ 1.13 and the standard library): data, network,
// torch.nn.init calls, optimizer, training loop, and the step-0 statistics our records hold. Also the
// initializer alone as a `weights_init(m)` snippet for model.apply (the source article's pattern).
import type { RunConfig } from '../../config';
import { encodeConfig } from '../../config/codec';
import { dataCode } from './dataCode';
import { lsuvFunction, weightsInitFunction } from './initCode';
import { pyBool, pyString } from './literal';
import { mainCode } from './mainCode';
import { modelCode } from './modelCode';

/** "20 × 64 ReLU layers, xavier_normal, spiral": the run in words, for the script's docstring. */
function summary(c: RunConfig): string {
  const arch = [
    c.norm !== 'none' ? `${c.norm === 'batch' ? 'BatchNorm' : 'LayerNorm'}` : '',
    c.res === 1 ? `residual blocks${c.rezero === 1 ? ' (ReZero)' : ''}` : '',
  ].filter(Boolean);
  return `${c.depth} hidden layers × ${c.width} units, ${c.act}${arch.length ? `, ${arch.join(', ')}` : ''}; init ${c.init}; data ${c.data}`;
}

/** The standard-library modules the script's body uses (argparse and json always: the command line). */
function imports(body: string): string {
  const used = ['csv', 'gzip', 'math', 'os', 'struct', 'sys'].filter((m) =>
    new RegExp(`\\b${m}\\.`).test(body),
  );
  return `${['argparse', 'json', ...used]
    .sort()
    .map((m) => `import ${m}`)
    .join('\n')}\n`;
}

function header(c: RunConfig, body: string): string {
  const query = encodeConfig(c);
  return `#!/usr/bin/env python3
"""InitScope run exported to PyTorch: ${summary(c)}.

Settings (InitScope link): ?${query}

  python3 this_script.py            statistics of the network at initialization, one line per layer
  python3 this_script.py --json     the same as JSON: {"layers": [{"layer", "pre", "act", "grad", ...}]}
  python3 this_script.py --steps N  train N steps and print the loss

Needs only torch (>= 1.13) and the Python standard library. PyTorch's random numbers differ from
InitScope's, so numbers agree with the page within the seed-to-seed spread, not digit for digit.
"""
${imports(body)}
import torch
import torch.nn.functional as F
from torch import nn

CONFIG = ${pyString(query)}
SEED = ${c.seed}
DATA = ${pyString(c.data)}
DEPTH, WIDTH, BATCH = ${c.depth}, ${c.width}, ${c.batch}
NORM = ${pyString(c.norm)}
RESIDUAL = ${pyBool(c.res === 1)}  # layers 2..DEPTH are pre-norm residual blocks
REZERO = ${pyBool(c.rezero === 1)}  # each block's branch scaled by a trained α that starts at 0


# ── initialization ──────────────────────────────────────────────────────────────────────────────
`;
}

export function pytorchScript(config: RunConfig): string {
  const body = [
    weightsInitFunction(config),
    config.init === 'lsuv' ? `\n\n${lsuvFunction()}` : '',
    '\n\n',
    dataCode(config),
    '\n\n',
    modelCode(config),
    '\n\n',
    mainCode(config),
  ].join('');
  return header(config, body) + body;
}

/** The initializer alone: `weights_init(m)` for any model built from nn.Linear (and norm) layers. */
export function pytorchInitSnippet(config: RunConfig): string {
  const lsuv = config.init === 'lsuv';
  return `# InitScope initializer as torch.nn.init calls (${config.init}, act ${config.act}).
import math

import torch
from torch import nn


${weightsInitFunction(config)}${lsuv ? `\n\n${lsuvFunction()}` : ''}

model.apply(weights_init)  # your model${lsuv ? '\nlsuv_(model, x_batch)  # then rescale on one training batch' : ''}
`;
}
