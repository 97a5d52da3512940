// Main-thread handle on the training worker: typed posting, typed receiving, and a crash turned into an
// ordinary error message (the page then shows it and stays usable).
import type { FromWorker, ToWorker } from './workerProtocol';

export interface WorkerClient {
  post(msg: ToWorker): void;
  terminate(): void;
}

export function createWorkerClient(onMessage: (msg: FromWorker) => void): WorkerClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), {
    type: 'module',
    name: 'initscope-trainer',
  });
  worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    onMessage({
      type: 'error',
      slot: -1,
      runId: -1,
      message: `the training worker failed: ${e.message || 'unknown error (could not load the worker script)'}`,
    });
  };
  worker.onmessageerror = () =>
    onMessage({
      type: 'error',
      slot: -1,
      runId: -1,
      message: 'a message from the training worker was unreadable',
    });
  return {
    post(msg) {
      worker.postMessage(msg);
    },
    terminate() {
      worker.terminate();
    },
  };
}
