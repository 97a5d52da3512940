// The presets gallery: every named scenario, looked up by its URL slug.
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { normalizeConfig } from '../config/codec';
import { ADVANCED_PRESETS } from './advanced';
import { NORMALIZATION_PRESETS } from './normalization';
import { LAB_PRESETS } from './lab';
import { SIGNAL_PRESETS } from './signal';
import type { Preset } from './types';

export type { Claim, ClaimResult, CompareKey, Preset, PresetVariant } from './types';

export const PRESETS: readonly Preset[] = [
  ...SIGNAL_PRESETS,
  ...ADVANCED_PRESETS,
  ...NORMALIZATION_PRESETS,
  ...LAB_PRESETS,
];

// A Map, not an object: a hostile `?preset=__proto__` finds nothing.
const BY_NAME: ReadonlyMap<string, Preset> = new Map(PRESETS.map((p) => [p.name, p]));

export function presetByName(name: string): Preset | undefined {
  return BY_NAME.get(name);
}

/** The full config of a preset's run: its own (variant < 0 or absent) or that of compare variant `variant`. */
export function presetRunConfig(preset: Preset, variant = -1): RunConfig {
  const patch = variant >= 0 ? preset.compare?.[variant]?.config : undefined;
  return normalizeConfig({ ...DEFAULT_CONFIG, ...preset.config, ...patch }).config;
}

/** Every run a preset trains: its own config first, then each compare variant. */
export function presetRuns(preset: Preset): { label: string; config: RunConfig }[] {
  const own = { label: preset.label ?? preset.title, config: presetRunConfig(preset) };
  return [
    own,
    ...(preset.compare ?? []).map((v, i) => ({ label: v.label, config: presetRunConfig(preset, i) })),
  ];
}
