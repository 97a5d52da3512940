// Makes sure the two Debian packages npm cannot bring are present: chromium (browser e2e, and its
// SwiftShader Vulkan driver for WGSL tests in Node) and libvulkan1 (the Vulkan loader Dawn needs).
// Installs them with apt-get when running as root; otherwise prints the exact command and fails.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDED = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'libvulkan1', present: () => hasLib('libvulkan.so.1') },
];

function hasLib(name) {
  try {
    return execSync('/sbin/ldconfig -p', { encoding: 'utf8' }).includes(name);
  } catch {
    return ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu'].some((d) =>
      existsSync(`${d}/${name}`),
    );
  }
}

const missing = NEEDED.filter((n) => !n.present()).map((n) => n.pkg);
if (missing.length > 0) {
  const cmd = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(`InitScope tests need Debian packages: ${missing.join(', ')}.\nRun as root:  ${cmd}`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} with apt-get (needed by the GPU and browser tests)…`);
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
