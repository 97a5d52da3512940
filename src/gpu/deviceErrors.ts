// Validation and out-of-memory errors from WebGPU calls, caught with error scopes and turned into
// reports or thrown errors — never swallowed. Error scopes belong to the device, not to an async call
// chain: keep other GPU work off the device while a scoped function runs, or its errors land here too.

export type GpuErrorKind = 'validation' | 'out-of-memory' | 'internal';

export interface GpuErrorReport {
  kind: GpuErrorKind;
  message: string;
}

const KIND_WORDS: Record<GpuErrorKind, string> = {
  validation: 'GPU validation error',
  'out-of-memory': 'the GPU ran out of memory',
  internal: 'internal GPU error',
};

export function describeGpuErrors(errors: readonly GpuErrorReport[], what: string): string {
  return errors.map((e) => `${KIND_WORDS[e.kind]} while ${what}: ${e.message}`).join('; ');
}

/** Thrown by withErrorScopes: what was being done, and every error the scopes caught. */
export class GpuScopeError extends Error {
  constructor(
    readonly errors: readonly GpuErrorReport[],
    readonly what: string,
    options?: { cause?: unknown },
  ) {
    super(describeGpuErrors(errors, what), options);
    this.name = 'GpuScopeError';
  }
  get outOfMemory(): boolean {
    return this.errors.some((e) => e.kind === 'out-of-memory');
  }
}

export interface Captured<T> {
  /** fn's result, when it returned. */
  value?: T;
  /** What fn threw, when it threw (the scopes are popped either way). */
  thrown?: unknown;
  threw: boolean;
  errors: GpuErrorReport[];
}

// Innermost first when popping: a validation error goes to the validation scope, and so on.
const SCOPES: readonly GpuErrorKind[] = ['internal', 'out-of-memory', 'validation'];

/** Runs fn inside validation, out-of-memory and internal error scopes and returns what they caught. */
export async function captureErrors<T>(device: GPUDevice, fn: () => T | Promise<T>): Promise<Captured<T>> {
  for (const kind of SCOPES) device.pushErrorScope(kind);
  const result: Captured<T> = { threw: false, errors: [] };
  try {
    result.value = await fn();
  } catch (e) {
    result.threw = true;
    result.thrown = e;
  }
  for (const kind of [...SCOPES].reverse()) {
    const error = await device.popErrorScope();
    if (error) result.errors.push({ kind, message: error.message });
  }
  return result;
}

/**
 * Runs fn inside error scopes. Resolves with fn's value when no GPU error occurred; otherwise throws a
 * GpuScopeError naming `what` (with fn's own exception, if any, as its cause). An exception of fn with no
 * GPU error is rethrown unchanged.
 */
export async function withErrorScopes<T>(
  device: GPUDevice,
  fn: () => T | Promise<T>,
  what = 'running GPU work',
): Promise<T> {
  const r = await captureErrors(device, fn);
  if (r.errors.length > 0) throw new GpuScopeError(r.errors, what, r.threw ? { cause: r.thrown } : undefined);
  if (r.threw) throw r.thrown;
  return r.value as T;
}

/** Reports errors no scope caught (e.g. from the stepping loop); returns a function that stops it. */
export function onUncapturedError(device: GPUDevice, report: (e: GpuErrorReport) => void): () => void {
  const listener = (ev: Event) => {
    const error = (ev as GPUUncapturedErrorEvent).error;
    report({ kind: errorKind(error), message: error.message });
  };
  device.addEventListener('uncapturederror', listener);
  return () => device.removeEventListener('uncapturederror', listener);
}

function errorKind(error: GPUError): GpuErrorKind {
  const name = error.constructor?.name ?? '';
  if (/OutOfMemory/i.test(name)) return 'out-of-memory';
  if (/Internal/i.test(name)) return 'internal';
  return 'validation';
}
