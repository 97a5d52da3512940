// Limits of a user's own CSV dataset, shared by the page's reader and the exported PyTorch script. They keep
// a file that fits comfortably in a tab's memory next to the network (20,000 × 256 float32 = 20 MB).
export const CSV_LIMITS = {
  /** Data rows (the header, if any, not counted). */
  maxRows: 20_000,
  /** Feature columns (every column but the label). */
  maxFeatures: 256,
  /** Distinct labels. */
  maxClasses: 32,
  /** Bytes of the file itself. */
  maxBytes: 20_000_000,
} as const;

/** Share of the (shuffled) rows held out as the test split; at least one row. */
export const CSV_TEST_FRACTION = 0.2;
