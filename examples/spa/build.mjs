// Bundles main.js with @footfall/browser (from this repository's build) into app.js.
// Run `npm run build` at the repository root first.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
await build({
  entryPoints: [here('./main.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  outfile: here('./app.js'),
  logLevel: 'warning',
});
console.log('examples/spa/app.js written');
