// Types for readme.mjs, for test/readme-figures.test.ts.
export function tableRows(markdown: string, title: string): [label: string, figure: string][];
export function readmeWithHeadline(readme: string, headline: [string, string][]): string;
