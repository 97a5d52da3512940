import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, NORMS, type RunConfig } from '../config';
import { CpuNet } from '../cpu/net';
import { initializeNetwork } from '../init';
import { buildGraph, graphDims, graphExtras, paramTensors } from '.';

const base: RunConfig = { ...DEFAULT_CONFIG, depth: 4, width: 8, data: 'probe', in: 5 };

describe('buildGraph', () => {
  it('the defaults are the plain MLP: Linear + φ per layer, no extras', () => {
    const g = buildGraph(base);
    expect(g.hidden.map((l) => l.ops.map((o) => o.kind))).toEqual(Array(4).fill(['linear', 'activation']));
    expect(graphDims(g)).toEqual([5, 8, 8, 8, 8, 10]);
    expect(graphExtras(g, 16)).toEqual({ params: 0, values: 0 });
    expect(
      paramTensors(g)
        .map((t) => t.name)
        .join(''),
    ).toBe('WWWWWbbbbb');
  });

  it('residual blocks from layer 2 on, pre-norm: Norm, φ, Linear; layer 1 stays plain', () => {
    const g = buildGraph({ ...base, norm: 'layer', res: 1, rezero: 1 });
    expect(g.hidden[0].ops.map((o) => o.kind)).toEqual(['linear', 'norm', 'activation']);
    const block = g.hidden[1].ops[0];
    expect(block.kind).toBe('residual');
    if (block.kind === 'residual') {
      expect(block.body.map((o) => o.kind)).toEqual(['norm', 'activation', 'linear']);
      expect(block.alpha).toBe('rezero');
    }
    const names = paramTensors(g).map((t) => t.name);
    expect(names.filter((n) => n === 'gamma')).toHaveLength(4);
    expect(names.filter((n) => n === 'alpha')).toHaveLength(3);
    expect(names.indexOf('gamma')).toBeGreaterThan(names.lastIndexOf('b'));
  });

  it('counts exactly the trained extras the CPU engine allocates, for every norm × res × rezero', () => {
    for (const norm of NORMS)
      for (const [res, rezero] of [
        [0, 0],
        [1, 0],
        [1, 1],
      ] as const) {
        const c = { ...base, norm, res, rezero };
        const g = buildGraph(c);
        const dims = graphDims(g);
        const net = new CpuNet(
          { dims, act: c.act, slope: c.slope, loss: 'ce', capacity: 16, float64: false, graph: g },
          initializeNetwork(c, dims),
        );
        const allocated = net.extraParams().p.reduce((s, a) => s + a.length, 0);
        expect(graphExtras(g, 16).params, `${norm} ${res} ${rezero}`).toBe(allocated);
        const fromList = paramTensors(g).filter((t) => t.name !== 'W' && t.name !== 'b');
        expect(fromList.reduce((s, t) => s + t.size, 0)).toBe(allocated);
      }
  });
});
