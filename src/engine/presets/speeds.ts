// Playback speeds on their own, so the training worker can know them without pulling in presets and lessons.

/** Playback speeds the page offers, in steps per second (0 = as fast as possible). */
export const PAGE_SPEEDS = [0, 1, 5, 20, 100] as const;
