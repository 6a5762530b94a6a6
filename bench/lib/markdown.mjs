// Markdown for bench results: one table per measurement, each with a ratio column.

const cell = (v) => String(v ?? '—').replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A GitHub Markdown table. */
export function renderTable({ columns, rows }) {
  const align = columns.map((_, i) => (i === 0 ? '---' : '---:'));
  return [`| ${columns.map(cell).join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/** One section: heading, intro, tables with captions and notes, closing notes. */
export function renderSection(section) {
  const out = [`## ${section.title}`, ''];
  if (section.intro) out.push(section.intro, '');
  for (const table of section.tables ?? []) {
    if (table.caption) out.push(`**${table.caption}**`, '');
    out.push(renderTable(table), '');
    for (const note of table.notes ?? []) out.push(`${note}`, '');
  }
  for (const note of section.notes ?? []) out.push(`- ${note}`);
  if (section.notes?.length) out.push('');
  return out.join('\n').trimEnd();
}
