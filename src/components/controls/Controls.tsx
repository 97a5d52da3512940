// Every RunConfig setting, grouped the way a reader thinks about them. Initializer parameters appear only
// when initParams() says they apply. Any change restarts the run (store/runtime.ts).
import {
  ACTIVATIONS,
  ARCHS,
  BACKENDS,
  type BiasInit,
  DATASETS,
  FAN_MODES,
  INITIALIZERS,
  initParams,
  KERNELS,
  LIMITS,
  LOSSES,
  NORMS,
  OPTIMIZERS,
  type RunConfig,
} from '../../engine/config';
import { useConfigStore } from '../../store/configStore';
import {
  ACT_LABELS,
  ARCH_LABELS,
  BACKEND_LABELS,
  DATA_LABELS,
  INIT_LABELS,
  LOSS_LABELS,
  MODE_LABELS,
  NORM_LABELS,
  OPT_LABELS,
  TWO_D,
} from '../labels';
import { CsvData } from './CsvData';
import { CheckField, NumberField, SelectField } from './fields';
import { useLocalData } from '../../store/localData';

type Patch = (p: Partial<RunConfig>) => void;

const KERNEL_OPTIONS = KERNELS.map(String);

/** Where the panel's switch to conv layers starts: a network the CPU engine steps in well under a second. */
const CONV_START = { depth: 6, width: 16, pool: 2 } as const;

/**
 * The panel's switch to conv layers: the MLP's 20 × 64 would cost about a minute per step as a conv
 * network on the CPU engine (which `auto` picks without a hardware GPU), so a larger network is cut to a
 * small one, with a notice that says so; links and presets set what they ask for.
 */
function switchToConv(c: RunConfig, set: Patch): void {
  const patch: Partial<RunConfig> = {
    arch: 'conv',
    depth: Math.min(c.depth, CONV_START.depth),
    width: Math.min(c.width, CONV_START.width),
    pool: c.pool > 0 ? c.pool : CONV_START.pool,
  };
  set(patch);
  if (patch.depth !== c.depth || patch.width !== c.width || patch.pool !== c.pool)
    useConfigStore
      .getState()
      .notify(
        `Convolutional layers: starting with ${patch.depth} layers of ${patch.width} channels and a 2×2 pool every ${patch.pool} layers (feature maps are large: without a hardware GPU, larger networks take seconds per step).`,
        'info',
      );
}

/** 'local' is offered once a CSV file is loaded in this tab. */
const BUILT_IN_DATASETS = DATASETS.filter((d) => d !== 'local');

export function InitParamFields({ c, set }: { c: Pick<RunConfig, keyof RunConfig>; set: Patch }) {
  const params = initParams(c.init);
  return (
    <>
      {params.includes('gain') && (
        <>
          <CheckField
            label="gain: auto (calculate_gain)"
            checked={c.gain === 'auto'}
            testId="gain-auto"
            onChange={(auto) => set({ gain: auto ? 'auto' : 1 })}
          />
          {c.gain !== 'auto' && (
            <NumberField
              label="gain"
              value={c.gain}
              min={0}
              max={LIMITS.gain.max}
              testId="gain"
              onCommit={(gain) => set({ gain })}
            />
          )}
        </>
      )}
      {params.includes('mode') && (
        <SelectField
          label="fan mode"
          value={c.mode}
          options={FAN_MODES}
          labels={MODE_LABELS}
          testId="mode"
          onChange={(mode) => set({ mode })}
        />
      )}
      {params.includes('std') && (
        <NumberField
          label="std"
          value={c.std}
          min={0}
          max={LIMITS.std.max}
          testId="std"
          onCommit={(std) => set({ std })}
        />
      )}
      {params.includes('a') && (
        <NumberField
          label="a (half-width)"
          value={c.a}
          min={0}
          max={LIMITS.a.max}
          testId="a"
          onCommit={(a) => set({ a })}
        />
      )}
      {params.includes('value') && (
        <NumberField label="value" value={c.value} testId="value" onCommit={(value) => set({ value })} />
      )}
      {params.includes('sparsity') && (
        <NumberField
          label="sparsity (zeros per column)"
          value={c.sparsity}
          min={0}
          max={LIMITS.sparsity.max}
          testId="sparsity"
          onCommit={(sparsity) => set({ sparsity })}
        />
      )}
    </>
  );
}

const BIAS_MODES = ['auto', 'zeros', 'torch', 'normal', 'constant'] as const;
type BiasMode = (typeof BIAS_MODES)[number];

function BiasFields({ bias, bstd, set }: { bias: BiasInit; bstd: number; set: Patch }) {
  const mode: BiasMode = typeof bias === 'number' ? 'constant' : bias;
  return (
    <>
      <SelectField
        label="bias"
        value={mode}
        options={BIAS_MODES}
        testId="bias"
        labels={{
          auto: 'auto (zero; torch default: U)',
          zeros: 'zeros',
          torch: 'U(±1/√fan_in)',
          normal: 'normal N(0, bstd²)',
          constant: 'constant',
        }}
        onChange={(m) => set({ bias: m === 'constant' ? 0.1 : m })}
      />
      {typeof bias === 'number' && (
        <NumberField label="bias value" value={bias} testId="bias-value" onCommit={(v) => set({ bias: v })} />
      )}
      {bias === 'normal' && (
        <NumberField
          label={`bias std (σ_b² = ${Number((bstd * bstd).toPrecision(4))})`}
          value={bstd}
          min={LIMITS.bstd.min}
          max={LIMITS.bstd.max}
          testId="bstd"
          onCommit={(v) => set({ bstd: v })}
        />
      )}
    </>
  );
}

export function Controls() {
  const c = useConfigStore((s) => s.config);
  const set = useConfigStore((s) => s.setConfig);
  const hasCsv = useLocalData((s) => s.summary !== null);
  return (
    <form className="controls" aria-label="Run settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Network</legend>
        <NumberField
          label="depth (hidden layers)"
          value={c.depth}
          min={1}
          max={LIMITS.depth.max}
          step={1}
          testId="depth"
          onCommit={(depth) => set({ depth })}
        />
        <NumberField
          label={c.arch === 'conv' ? 'width (channels)' : 'width'}
          value={c.width}
          min={2}
          max={LIMITS.width.max}
          step={1}
          testId="width"
          onCommit={(width) => set({ width })}
        />
        <SelectField
          label="layers"
          value={c.arch}
          options={ARCHS}
          labels={ARCH_LABELS}
          testId="arch"
          onChange={(arch) => (arch === 'conv' ? switchToConv(c, set) : set({ arch }))}
        />
        {c.arch === 'conv' && (
          <>
            <SelectField
              label="kernel (k×k, padding k//2)"
              value={String(c.kernel)}
              options={KERNEL_OPTIONS}
              testId="kernel"
              onChange={(k) => set({ kernel: Number(k) })}
            />
            <NumberField
              label="2×2 average pool every p layers (0: none)"
              value={c.pool}
              min={0}
              max={LIMITS.pool.max}
              step={1}
              testId="pool"
              onCommit={(pool) => set({ pool })}
            />
          </>
        )}
        <SelectField
          label="activation"
          value={c.act}
          options={ACTIVATIONS}
          labels={ACT_LABELS}
          testId="act"
          onChange={(act) => set({ act })}
        />
        {c.act === 'leaky_relu' && (
          <NumberField
            label="negative slope"
            value={c.slope}
            min={0}
            max={1}
            testId="slope"
            onCommit={(slope) => set({ slope })}
          />
        )}
        <SelectField
          label="normalization"
          value={c.norm}
          options={NORMS}
          labels={NORM_LABELS}
          testId="norm"
          onChange={(norm) => set({ norm })}
        />
        <CheckField
          label="residual blocks (layers 2…L)"
          checked={c.res === 1}
          testId="res"
          onChange={(on) => set(on ? { res: 1 } : { res: 0, rezero: 0 })}
        />
        {c.res === 1 && (
          <CheckField
            label="ReZero (α starts at 0, trained)"
            checked={c.rezero === 1}
            testId="rezero"
            onChange={(on) => set({ rezero: on ? 1 : 0 })}
          />
        )}
      </fieldset>
      <fieldset>
        <legend>Initialization</legend>
        <SelectField
          label="weights"
          value={c.init}
          options={INITIALIZERS}
          labels={INIT_LABELS}
          testId="init"
          onChange={(init) => set({ init })}
        />
        <InitParamFields c={c} set={set} />
        <BiasFields bias={c.bias} bstd={c.bstd} set={set} />
      </fieldset>
      <fieldset>
        <legend>Data</legend>
        <SelectField
          label="dataset"
          value={c.data}
          options={hasCsv ? DATASETS : BUILT_IN_DATASETS}
          labels={DATA_LABELS}
          testId="data"
          onChange={(data) => set({ data })}
        />
        <CsvData />
        {c.data === 'probe' && (
          <NumberField
            label="input dim (0 = width)"
            value={c.in}
            min={0}
            max={LIMITS.in.max}
            step={1}
            testId="in"
            onCommit={(v) => set({ in: v })}
          />
        )}
        {TWO_D.includes(c.data) && (
          <NumberField
            label="noise"
            value={c.noise}
            min={0}
            max={LIMITS.noise.max}
            testId="noise"
            onCommit={(noise) => set({ noise })}
          />
        )}
        <SelectField
          label="loss"
          value={c.loss}
          options={LOSSES}
          labels={LOSS_LABELS}
          testId="loss"
          onChange={(loss) => set({ loss })}
        />
      </fieldset>
      <fieldset>
        <legend>Training</legend>
        <SelectField
          label="optimizer"
          value={c.opt}
          options={OPTIMIZERS}
          labels={OPT_LABELS}
          testId="opt"
          onChange={(opt) => set({ opt })}
        />
        <NumberField
          label="learning rate"
          value={c.lr}
          min={LIMITS.lr.min}
          max={LIMITS.lr.max}
          testId="lr"
          onCommit={(lr) => set({ lr })}
        />
        {c.opt === 'momentum' && (
          <NumberField
            label="momentum"
            value={c.momentum}
            min={0}
            max={LIMITS.momentum.max}
            testId="momentum"
            onCommit={(momentum) => set({ momentum })}
          />
        )}
        <NumberField
          label="batch size"
          value={c.batch}
          min={1}
          max={LIMITS.batch.max}
          step={1}
          testId="batch"
          onCommit={(batch) => set({ batch })}
        />
      </fieldset>
      <fieldset>
        <legend>Run</legend>
        <div className="row">
          <NumberField
            label="seed"
            value={c.seed}
            min={0}
            max={LIMITS.seed.max}
            step={1}
            testId="seed"
            onCommit={(seed) => set({ seed })}
          />
          <button
            type="button"
            data-testid="new-seed"
            onClick={() => set({ seed: (Math.random() * 2 ** 32) >>> 0 })}
          >
            New seed
          </button>
        </div>
        <SelectField
          label="backend"
          value={c.backend}
          options={BACKENDS}
          labels={BACKEND_LABELS}
          testId="backend"
          onChange={(backend) => set({ backend })}
        />
      </fieldset>
    </form>
  );
}
