// Command-line entry: `npm run --silent cli -- run --config '<query>' --steps N --json` (see README,
// "Command line"). Wires the engine's pure CLI to Node: the file reader and the trainer for each backend.
import { readFile } from 'node:fs/promises';
import { nodeFetchBytes } from '../engine/cli/nodeFetchBytes';
import { cliMain } from '../engine/cli/run';
import { createCpuTrainer } from '../engine/cpu/cpuTrainer';

const code = await cliMain(
  process.argv.slice(2),
  {
    fetchBytes: nodeFetchBytes,
    readText: (path) => readFile(path, 'utf8'),
    makeTrainer: async (config, dataset, backend) => {
      if (backend === 'webgpu') {
        // Dawn and the WGSL loader only when asked for.
        const { createNodeTrainer } = await import('../gpu/node/createNodeGpuTrainer');
        return (await createNodeTrainer(config, dataset, { backend: 'webgpu' })).trainer;
      }
      return createCpuTrainer(config, dataset);
    },
    runMapBatched: async (config, dataset, axes, steps) => {
      const { registerWgslRawHook } = await import('../gpu/node/wgslRawHook');
      registerWgslRawHook();
      const { nodeGridMap } = await import('../gpu/lab/nodeGridMap');
      return nodeGridMap(config, dataset, axes, steps);
    },
  },
  { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
);
// Exit once stdout has drained: a GPU device handle can keep Node alive, and a big JSON must not be cut.
process.stdout.write('', () => process.exit(code));
