// Extra output of @footfall/cli: dist/shop, a copy of examples/shop (the demo shop that
// `footfall serve` serves at /shop/ and draws heatmaps over), so the shop ships in the
// package and `footfall serve` finds it wherever the package is installed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SHOP = 'examples/shop';
const ENTRY = '\0footfall-cli-shop';

export default async ({ dir, onwarn }) => [
  {
    input: ENTRY,
    onwarn,
    plugins: [
      {
        name: 'footfall-copy-shop',
        resolveId: (id) => (id === ENTRY ? id : null),
        load: (id) => (id === ENTRY ? 'export {};' : null),
        generateBundle(_options, bundle) {
          for (const name of Object.keys(bundle)) delete bundle[name];
          for (const file of readdirSync(SHOP, { recursive: true, withFileTypes: true })) {
            if (!file.isFile()) continue;
            const path = join(file.parentPath, file.name);
            this.emitFile({ type: 'asset', fileName: join('shop', relative(SHOP, path)), source: readFileSync(path) });
          }
        },
      },
    ],
    output: { dir: `${dir}/dist`, format: 'es' },
  },
];
