// device.lost, turned into a callback with the reason and a plain-English notice, so the worker can
// recreate the device and restart the run.

export interface DeviceLoss {
  /** 'destroyed' when we called device.destroy() ourselves; 'unknown' for a driver reset, a crash, … */
  reason: GPUDeviceLostReason;
  message: string;
  /** True when the loss was our own destroy(): nothing to recover. */
  expected: boolean;
  /** One sentence for the page. */
  notice: string;
}

export function describeDeviceLoss(info: Pick<GPUDeviceLostInfo, 'reason' | 'message'>): DeviceLoss {
  const expected = info.reason === 'destroyed';
  const detail = info.message ? ` (${info.message})` : '';
  const notice = expected
    ? 'The GPU device was released.'
    : `The GPU device was lost${detail}; the run restarts on a new device from the same configuration.`;
  return { reason: info.reason, message: info.message, expected, notice };
}

/**
 * Calls onLost once if the device is lost. The returned function stops watching (call it before a
 * deliberate destroy() if that should not be reported).
 */
export function watchDeviceLost(device: GPUDevice, onLost: (loss: DeviceLoss) => void): () => void {
  let active = true;
  device.lost.then((info) => {
    if (active) onLost(describeDeviceLoss(info));
  });
  return () => {
    active = false;
  };
}
