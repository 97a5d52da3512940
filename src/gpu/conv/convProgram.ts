// One training step of a conv network as dispatches built once (the conv counterpart of stepProgram.ts,
// which the trainer takes for the MLP): convForward.ts, the MLP's loss, the backward below, statistics
// one dispatch per layer (each layer has its own batch × side² × channels; the MLP's kernels take the
// layer and its count as uniforms), the MLP's optimizer over every tensor and its statistics finalize.
// Backward, from the head down (docs/LAYERS.md#convolutional-networks): ∂W, ∂b of the head and ∂L/∂(mean
// map), spread over the positions; per layer the pool's backward where one follows, δ = g ⊙ φ'(z) (with
// BatchNorm2d or GroupNorm(1, C): ∂L/∂u = g ⊙ φ'(u), then the norm backward on the [rows·side², C] matrix), ∂W
// and ∂b in one dispatch (the implicit GEMM sums ∂b = δ's column sums beside ∂W; on a big GPU its
// reduction may be split, then one split-K reduce adds the chunks), and the input gradient into the layer
// below.
import type { RunConfig } from '../../engine/config';
import { bindGroup, type BindingResource, type Dispatch, type KernelCache } from '../kernel';
import {
  inputGradKernel,
  inputGradResources,
  inputGradWords,
  weightGradKernel,
  weightGradWords,
} from '../matmulBackward';
import { fold2d } from '../netLayout';
import { NF_NONE, nfOrder } from '../nonFinite';
import {
  alphaGradKernel,
  eltwiseGroups,
  eltwiseKernel,
  eltwiseWords,
  type NormBackwardVariant,
  normBackwardKernel,
  normBackwardWords,
  normGroups,
  resGradGroups,
  resGradKernel,
  statsExtraFinalizeKernel,
  statsExtraKernel,
} from '../normKernels';
import { extraAt } from '../statsLayout';
import { lossDispatch, type StepProgram } from '../stepProgram';
import { splitReduceDispatch } from '../splitK';
import { optimizerKernel, statsActKernel, statsFinalizeKernel } from '../stepKernels';
import { extSizes } from '../trainerBuffers';
import { type ConvContext, convForward, convPlaces, range } from './convForward';
import {
  convForm,
  convGemmGroups,
  convGemmKernel,
  convGemmWords,
  convPartialElems,
  convSplit,
  poolKernel,
  poolWords,
} from './convKernels';
import { gapKernel, streamStatsKernel } from './convStepKernels';

const INF_BITS = 0x7f800000;

export function buildConvProgram(ctx: ConvContext): StepProgram {
  const { device, kernels, uniforms, config, lay, bufs, conv, strategy } = ctx;
  const { L, B, C } = lay;
  const norm = lay.ext.norm;
  const nf = nfOrder(L, lay.ext);
  const place = convPlaces(ctx);
  const E = bufs.ext;
  const sz = extSizes(lay);
  const maxDim = device.limits.maxComputeWorkgroupsPerDimension;
  const tiled = strategy === 'tiled';
  const { units } = ctx;
  // The conv GEMM's quad form (software adapters) shares loads across a quad: needs subgroups.
  const quad = device.features.has('subgroups');
  const d = (
    spec: Parameters<KernelCache['get']>[0],
    res: BindingResource[],
    groups: Dispatch['groups'],
    label: string,
  ): Dispatch => {
    const kernel = kernels.get(spec);
    return { kernel, bind: bindGroup(device, kernel, res, label), groups };
  };

  const cuts: number[] = [];
  const forward = convForward(ctx, B, { x: bufs.trainX, idx: bufs.idx, idxOff: 0 }, true, cuts);
  const loss = lossDispatch(device, kernels, uniforms, config, lay, bufs, strategy, nf);

  // ----------------------------------------------------------------------------------------- backward
  const backward: Dispatch[] = [];
  const width = lay.dims[1];
  const wg = { M: C, N: width, K: B, dOff: 0, hOff: 0, gwOff: lay.wOff[L], gbOff: lay.bOff[L], idxOff: 0 };
  // The head's ∂W is C × width: too small to be worth a split and its reduce (splitK.ts).
  const kw = weightGradKernel(false, { strategy, M: C, N: width, K: B, splitK: false }, wg);
  backward.push(
    d(
      kw.spec,
      [
        uniforms.alloc(weightGradWords(wg)),
        bufs.dlogits,
        conv.gap,
        bufs.grads,
        bufs.idx,
        bufs.dlogits,
        conv.gap,
      ],
      kw.groups,
      'head weight grad',
    ),
  );
  const ig = { M: B, N: width, K: C, dOff: 0, wOff: lay.wOff[L], zOff: 0, outOff: 0, nfOut: NF_NONE };
  const ki = inputGradKernel('linear', config.slope, { strategy, M: B, N: width, K: C }, ig);
  backward.push(
    d(
      ki.spec,
      [
        uniforms.alloc(inputGradWords(ig)),
        ...inputGradResources(
          ki,
          { delta: bufs.dlogits, params: bufs.params, z: conv.gap, out: conv.dgap, flags: bufs.block },
          bufs.spareVec,
        ),
      ],
      ki.groups,
      'head input grad',
    ),
  );
  const residual = lay.ext.residual;
  /**
   * ∂L/∂(what layer i hands upward, after its pool): gA, which the layer above overwrites; with residual
   * blocks each layer's own slot of the stream gradient (the statistics read them all after backward).
   */
  const gradOut = (i: number): GPUBufferBinding =>
    residual && E ? place.at(E.gx, i) : range(conv.gA, 0, B * lay.perLayer.outUnits[i]);
  const lastCount = B * lay.perLayer.outUnits[L - 1];
  backward.push(
    d(
      gapKernel(true, residual),
      [
        uniforms.alloc([B, lay.lastSide ** 2, width, residual ? nf.streamGrad(L - 1) : NF_NONE]),
        conv.dgap,
        gradOut(L - 1),
        ...(residual ? [bufs.block] : []),
      ],
      eltwiseGroups(lastCount, maxDim),
      'head mean backward',
    ),
  );
  const elt = (
    mode: 'dact' | 'add',
    act: RunConfig['act'],
    count: number,
    a: BindingResource,
    b: BindingResource,
    out: BindingResource,
    nfOut: number,
    label: string,
  ) =>
    d(
      eltwiseKernel(mode, false, act, config.slope),
      [
        uniforms.alloc(eltwiseWords({ count, aOff: 0, bOff: 0, outOff: 0, alphaOff: -1, nfOut })),
        a,
        b,
        out,
        bufs.params,
        bufs.block,
      ],
      eltwiseGroups(count, maxDim),
      label,
    );
  /**
   * Norm backward of layer i: g (∂L/∂u or ∂L/∂v) and the norm's input v → out, plus `res` (a block's
   * stream gradient from above) when given. BatchNorm2d: one column kernel; GroupNorm(1, C): ∂γ, ∂β per
   * channel over the [B·P, C] matrix (P rows share a sample's μ, s), then ∂L/∂v per sample with γ per channel.
   */
  const normBackward = (
    i: number,
    g: BindingResource,
    v: BindingResource,
    out: BindingResource,
    res: BindingResource | null,
    nfOut: number,
  ) => {
    if (!E || !sz) return;
    const c = lay.convs[i];
    const P = c.side * c.side;
    const words = (group: boolean) =>
      normBackwardWords({
        rows: group ? B : B * P,
        feats: group ? P * c.Cout : c.Cout,
        gOff: 0,
        vOff: 0,
        statOff: 0,
        gamOff: lay.gammaOff[i],
        dgamOff: lay.gammaOff[i],
        dbetaOff: lay.betaOff[i],
        outOff: 0,
        resOff: 0,
        nfOut,
      });
    const push = (v0: NormBackwardVariant, group: boolean, groups: number, label: string) =>
      backward.push(
        d(
          normBackwardKernel({ ...v0, res: v0.out && res !== null }, strategy),
          [
            uniforms.alloc(words(group)),
            g,
            v,
            range(E.stat, i * sz.statStride, sz.statStride),
            bufs.params,
            bufs.grads,
            v0.out ? out : bufs.spareOut,
            v0.out && res ? res : bufs.spareVec,
            bufs.block,
          ],
          normGroups(strategy, groups, maxDim),
          label,
        ),
      );
    const base = { cols: true, statCols: true, params: true, out: true, res: false };
    if (norm === 'batch') push(base, false, c.Cout, `batch norm backward ${i}`);
    else {
      push({ ...base, statCols: false, out: false, rowsPerStat: P }, false, c.Cout, `group norm ∂γ ∂β ${i}`);
      push(
        { ...base, cols: false, statCols: false, params: false, paramPeriod: c.Cout },
        true,
        B,
        `group norm backward ${i}`,
      );
    }
  };
  const resGradK = lay.ext.rezero ? resGradKernel(strategy) : null;
  for (let i = L - 1; i >= 0; i--) {
    const c = lay.convs[i];
    const count = B * lay.perLayer.units[i];
    const shape = { B, S: c.side, Cin: c.Cin, Cout: c.Cout, k: c.k };
    const wgForm = convForm('weightGrad', shape, strategy, units, quad);
    const igForm = convForm('inputGrad', shape, strategy, units, quad);
    // g: ∂L/∂ of the layer's output before its pool.
    let g: BindingResource = gradOut(i);
    if (c.pooled) {
      const words = poolWords(B, c.side, c.Cout, true);
      backward.push(
        d(
          poolKernel(true),
          [uniforms.alloc(words), gradOut(i), conv.gB],
          eltwiseGroups(words[3], maxDim),
          `pool backward ${i}`,
        ),
      );
      g = range(conv.gB, 0, count);
    }
    const delta = place.at(bufs.d, i);
    const block = place.isBlock(i);
    if (block && resGradK) {
      // ReZero: δ = α g_x, with ∂α's per-chunk partials, then their sum.
      const chunks = lay.statsChunks;
      const partOff = i * chunks;
      backward.push(
        d(
          resGradK,
          [
            uniforms.alloc([count, lay.statsPerChunk, chunks, lay.alphaOff[i], partOff, nf.grad(i)]),
            g,
            place.at(bufs.z, i),
            bufs.params,
            delta,
            E?.alphaParts ?? bufs.spareOut,
            bufs.block,
          ],
          resGradGroups(strategy, chunks),
          `δ = α g_x ${i}`,
        ),
        d(
          alphaGradKernel(strategy),
          [uniforms.alloc([chunks, partOff, lay.alphaOff[i], 0]), E?.alphaParts ?? bufs.spareOut, bufs.grads],
          [1],
          `∂α ${i}`,
        ),
      );
    } else if (block) {
      // α = 1: δ = g_x, copied (φ' of 'linear' is 1) so the statistics read every layer's δ in one place.
      backward.push(elt('dact', 'linear', count, g, place.at(bufs.z, i), delta, nf.grad(i), `δ = g_x ${i}`));
    } else if (norm && E) {
      backward.push(
        elt('dact', config.act, count, g, place.at(E.u, i), place.at(E.gs, 0), NF_NONE, `φ′ ${i}`),
      );
      normBackward(i, place.at(E.gs, 0), place.at(bufs.z, i), delta, null, nf.grad(i));
    } else
      backward.push(elt('dact', config.act, count, g, place.at(bufs.z, i), delta, nf.grad(i), `φ′ ${i}`));
    // ∂W and ∂b of the layer in one GEMM: into the gradients at the layer's offsets, or, split, into the
    // partials' slices and then added up in order by the split-K reduce.
    const split = convSplit('weightGrad', shape, wgForm, units);
    const target = { wCount: lay.perLayer.weights[i], bCount: c.Cout, wOff: lay.wOff[i], bOff: lay.bOff[i] };
    const cut = split.splits > 1;
    if (cut && 4 * convPartialElems(shape, split) > conv.partials.size)
      throw new Error(`conv weight grad ${i}: the split needs more partials than were allocated`);
    backward.push(
      d(
        convGemmKernel('weightGrad', false, wgForm),
        [
          uniforms.alloc(
            convGemmWords('weightGrad', shape, NF_NONE, { wOff: target.wOff, bOff: target.bOff, split }),
          ),
          place.input(i),
          delta,
          cut ? conv.partials : bufs.grads,
          bufs.params,
        ],
        convGemmGroups('weightGrad', shape, wgForm, split),
        `conv weight grad ${i}`,
      ),
    );
    if (cut)
      backward.push(
        splitReduceDispatch(
          device,
          kernels,
          uniforms,
          split,
          target,
          conv.partials,
          bufs.grads,
          `conv weight grad ${i} split reduce`,
          maxDim,
        ),
      );
    if (i === 0) break;
    const inCount = B * c.side * c.side * c.Cin;
    // A block's input gradient is ∂L/∂a (then φ'(v), the norm, and the stream's own g_x added); a plain
    // layer's is ∂L/∂(the layer below's output).
    const igOut = block && E ? place.at(E.gs, 0) : gradOut(i - 1);
    backward.push(
      d(
        convGemmKernel('inputGrad', false, igForm),
        [uniforms.alloc(convGemmWords('inputGrad', shape)), delta, place.weight(i), igOut, bufs.params],
        convGemmGroups('inputGrad', shape, igForm),
        `conv input grad ${i}`,
      ),
    );
    if (!block || !E) continue;
    const gv = range(conv.gC, 0, inCount);
    backward.push(
      elt('dact', config.act, inCount, place.at(E.gs, 0), place.at(E.u, i), gv, NF_NONE, `φ′(v) ${i}`),
    );
    if (norm) normBackward(i, gv, place.out(i - 1), gradOut(i - 1), g, nf.streamGrad(i - 1));
    else
      backward.push(elt('add', 'linear', inCount, g, gv, gradOut(i - 1), nf.streamGrad(i - 1), `g_x ${i}`));
  }

  // ------------------------------------------------------------------------------------- statistics
  const chunkGroups = (): [number, number] => [tiled ? lay.statsChunks : Math.ceil(lay.statsChunks / 64), 1];
  // satFrac from φ'(u) (norm) or a block's φ'(v) (residual, layers ≥ 2), as the MLP's statistics.
  const satFrom = norm !== null ? 0 : lay.ext.residual ? 1 : null;
  const statsSpec = statsActKernel(config.act, config.slope, strategy, satFrom, null);
  const statsAct: Dispatch[] = [];
  const statsExtra: Dispatch[] = [];
  for (let i = 0; i < L; i++) {
    const count = B * lay.perLayer.units[i];
    statsAct.push(
      d(
        statsSpec,
        [
          uniforms.alloc([count, lay.actStride, lay.statsPerChunk, lay.statsChunks, INF_BITS, i]),
          bufs.z,
          bufs.h,
          bufs.d,
          bufs.actPartials,
          ...(satFrom !== null && E ? [E.u] : []),
        ],
        chunkGroups(),
        `stats act ${i}`,
      ),
    );
    if (norm && E)
      statsExtra.push(
        d(
          statsExtraKernel(true, false, strategy),
          [
            uniforms.alloc([count, lay.actStride, lay.statsPerChunk, lay.statsChunks, i]),
            E.u,
            E.x,
            bufs.h,
            E.gx,
            E.parts,
          ],
          chunkGroups(),
          `stats norm ${i}`,
        ),
      );
  }

  // The norm's statistics merge into the block's extra region; then each layer's stream statistics (over
  // its pooled map and that map's gradient) fill their words of it.
  const extraFinalize: Dispatch[] = [];
  if (norm && E)
    extraFinalize.push(
      d(
        statsExtraFinalizeKernel(extraAt(L)),
        [uniforms.alloc([lay.statsChunks, L]), E.parts, bufs.block],
        [Math.ceil(L / 64)],
        'stats extra finalize',
      ),
    );
  if (lay.ext.residual)
    for (let i = 0; i < L; i++)
      extraFinalize.push(
        d(
          streamStatsKernel(extraAt(L)),
          [uniforms.alloc([B * lay.perLayer.outUnits[i], i, 0, 0]), place.out(i), gradOut(i), bufs.block],
          [1],
          `stream stats ${i}`,
        ),
      );

  const optGroups = fold2d(tiled ? lay.itemCount : Math.ceil(lay.itemCount / 64), maxDim);
  const optRes = [
    bufs.stepInfo,
    bufs.params,
    bufs.grads,
    bufs.s1,
    bufs.s2,
    bufs.items,
    bufs.optPartials,
    bufs.nfNext,
  ];
  const finRes = [
    uniforms.alloc([lay.statsChunks, INF_BITS, L, 0]),
    bufs.actPartials,
    bufs.optPartials,
    bufs.layerItems,
    bufs.block,
  ];
  return {
    forward,
    // LSUV: per map, the dispatches that (after those of the maps below) leave its z, or the logits.
    forwardTo: cuts.map((c, i) => forward.slice(i === 0 ? 0 : cuts[i - 1], c)),
    loss,
    backward,
    statsAct,
    optimizer: d(optimizerKernel(config, L, false, strategy, lay.ext), optRes, optGroups, 'optimizer'),
    optimizerStats: d(
      optimizerKernel(config, L, true, strategy, lay.ext),
      optRes,
      optGroups,
      'optimizer stats',
    ),
    statsFinalize: d(
      statsFinalizeKernel(config.act, config.slope, strategy),
      finRes,
      [tiled ? L : Math.ceil(L / 64)],
      'stats finalize',
    ),
    statsExtra: norm && E ? statsExtra : null,
    statsExtraFinalize: extraFinalize.length > 0 ? extraFinalize : null,
  };
}
