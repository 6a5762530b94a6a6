import type { Command } from './command.js';
import { attribution } from './commands/attribution.js';
import { bottlenecks } from './commands/bottlenecks.js';
import { channels } from './commands/channels.js';
import { demo } from './commands/demo.js';
import { email } from './commands/email.js';
import { forget } from './commands/forget.js';
import { funnel } from './commands/funnel.js';
import { heatmap } from './commands/heatmap.js';
import { importCommand } from './commands/import.js';
import { kpis } from './commands/kpis.js';
import { pages } from './commands/pages.js';
import { paths } from './commands/paths.js';
import { person } from './commands/person.js';
import { persons } from './commands/persons.js';
import { products } from './commands/products.js';
import { report } from './commands/report.js';
import { serve } from './commands/serve.js';
import { service } from './commands/service.js';

/** Every `footfall` command, in the order `--help` lists them. */
export const commands: readonly Command[] = [funnel, paths, pages, bottlenecks, heatmap, attribution, kpis, channels, email, service, products, persons, person, report, serve, forget, demo, importCommand];
