// The peers' packages (bench/peers/package.json, pinned): where they are installed, their
// versions, and installing them on first use. They are devDependencies of that folder only,
// so the product's own lockfile never carries them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const peersDir = fileURLToPath(new URL('../peers/', import.meta.url));
export const root = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute path of a file inside an installed peer package. */
export const peerFile = (pkg, file) => join(peersDir, 'node_modules', pkg, file);

/** Installed version of a peer package (from its own package.json). */
export const peerVersion = (pkg) => JSON.parse(readFileSync(peerFile(pkg, 'package.json'), 'utf8')).version;

/**
 * Installs bench/peers when its node_modules is missing. `npm install` (pinned versions, guided by
 * the lockfile), not `npm ci`: npm 11 leaves other platforms' optional packages (chdb's
 * `@chdb/lib-darwin-*`) out of a lockfile written on Linux and then `npm ci` refuses it as out of sync.
 */
export function installPeers(log = () => {}) {
  const marker = join(peersDir, 'node_modules', '.package-lock.json');
  if (existsSync(marker)) return;
  log('installing the peers (bench/peers: npm install) …');
  const r = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: peersDir, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm install in bench/peers failed: the peers cannot be measured');
}
