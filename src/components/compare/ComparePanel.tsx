// Compare mode: up to four configurations trained at once from the same seed and data (slot 1 is the
// explorer's own config), with overlaid loss curves and depth profiles and a live table of steps to a
// target — the source article's "Kaiming converged ~30 % faster", measured here.
import { ACTIVATIONS, INITIALIZERS, type InitName, type RunConfig } from '../../engine/config';
import { type CompareOverride, MAX_SLOTS, slotConfigs, useConfigStore } from '../../store/configStore';
import { InitParamFields } from '../controls/Controls';
import { SelectField } from '../controls/fields';
import { ACT_LABELS, INIT_LABELS } from '../labels';
import { Panel } from '../panels/Panel';
import { CompareTable } from './CompareTable';
import { OverlayCharts } from './OverlayCharts';

const SHOOTOUT: InitName[] = ['kaiming_normal', 'xavier_normal', 'torch_default', 'zeros'];

function SlotEditor({
  index,
  override,
  base,
}: {
  index: number;
  override: CompareOverride;
  base: RunConfig;
}) {
  const compare = useConfigStore((s) => s.compare);
  const setCompare = useConfigStore((s) => s.setCompare);
  const c = { ...base, ...override };
  const set = (p: Partial<RunConfig>) => {
    const next = compare.slice();
    next[index] = { ...override, ...p };
    setCompare(next);
  };
  const slot = index + 1;
  return (
    <fieldset className={`slot slot-${slot}`}>
      <legend>
        <span className={`swatch slot${slot}`} /> Run {slot + 1}
      </legend>
      <SelectField
        label="activation"
        value={c.act}
        options={ACTIVATIONS}
        labels={ACT_LABELS}
        testId={`cmp-act-${slot}`}
        onChange={(act) => set({ act })}
      />
      <SelectField
        label="weights"
        value={c.init}
        options={INITIALIZERS}
        labels={INIT_LABELS}
        testId={`cmp-init-${slot}`}
        onChange={(init) => set({ init })}
      />
      <InitParamFields c={c} set={set} />
      <button
        type="button"
        onClick={() => setCompare(compare.filter((_, i) => i !== index))}
        data-testid={`cmp-remove-${slot}`}
      >
        Remove run {slot + 1}
      </button>
    </fieldset>
  );
}

export function ComparePanel() {
  const config = useConfigStore((s) => s.config);
  const compare = useConfigStore((s) => s.compare);
  const setCompare = useConfigStore((s) => s.setCompare);
  const configs = slotConfigs(config, compare);
  const on = compare.length > 0;
  const shootout = () =>
    setCompare(
      SHOOTOUT.filter((i) => i !== config.init)
        .slice(0, MAX_SLOTS - 1)
        .map((init) => ({ init, gain: 'auto' as const })),
    );
  return (
    <Panel
      name="compare"
      title="Compare initializers"
      help="Train up to four configurations at once from the same seed, data and batches. Run 1 is the configuration in Settings; the others differ from it only in what you pick here."
      actions={
        <div className="row">
          <button type="button" data-testid="cmp-shootout" onClick={shootout}>
            {on ? 'Reset to' : 'Compare'} Kaiming · Xavier · PyTorch · zeros
          </button>
          {compare.length < MAX_SLOTS - 1 && (
            <button
              type="button"
              data-testid="cmp-add"
              onClick={() => setCompare([...compare, { init: 'kaiming_normal', gain: 'auto' }])}
            >
              Add a run
            </button>
          )}
          {on && (
            <button type="button" data-testid="cmp-off" onClick={() => setCompare([])}>
              Stop comparing
            </button>
          )}
        </div>
      }
    >
      {on && (
        <>
          <OverlayCharts configs={configs} />
          <CompareTable configs={configs} />
          <div className="slots">
            {compare.map((o, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: slots are positional
              <SlotEditor key={i} index={i} override={o} base={config} />
            ))}
          </div>
        </>
      )}
    </Panel>
  );
}
