import type { Command } from './command.js';
import { attribution } from './commands/attribution.js';
import { bottlenecks } from './commands/bottlenecks.js';
import { demo } from './commands/demo.js';
import { forget } from './commands/forget.js';
import { funnel } from './commands/funnel.js';
import { heatmap } from './commands/heatmap.js';
import { importCommand } from './commands/import.js';
import { kpis } from './commands/kpis.js';
import { pages } from './commands/pages.js';
import { paths } from './commands/paths.js';
import { person } from './commands/person.js';
import { persons } from './commands/persons.js';
import { report } from './commands/report.js';
import { serve } from './commands/serve.js';

/** Every `footfall` command, in the order `--help` lists them. */
export const commands: readonly Command[] = [funnel, paths, pages, bottlenecks, heatmap, attribution, kpis, persons, person, report, serve, forget, demo, importCommand];
