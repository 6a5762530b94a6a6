/** Number formatting for people, and HTML escaping for chart tooltips (which ECharts renders as HTML). */
const nf = new Intl.NumberFormat('en-US');
const nf1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function int(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '–' : nf.format(Math.round(n));
}

export function dec(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '–' : nf1.format(n);
}

/** A 0..1 fraction as a percentage. */
export function pct(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '–' : `${(n * 100).toFixed(digits)}%`;
}

/** Milliseconds as a short duration: 850 ms, 4.2 s, 3 min 5 s, 2 h 10 min, 3 d 4 h. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const two = (big: number, bigUnit: string, small: number, smallUnit: string) => (small ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`);
  if (s < 3600) return two(Math.floor(s / 60), 'min', Math.round(s % 60), 's');
  if (s < 86400) return two(Math.floor(s / 3600), 'h', Math.round((s % 3600) / 60), 'min');
  return two(Math.floor(s / 86400), 'd', Math.round((s % 86400) / 3600), 'h');
}

/** A compact duration for chart axes: 50s, 5m, 2h, 3d. */
export function shortDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.round(s / 60)}m`;
  if (s < 86400) return `${Math.round(s / 360) / 10}h`;
  return `${Math.round(s / 8640) / 10}d`;
}

export function money(n: number | null | undefined, currency?: string): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: n >= 1000 ? 0 : 2 }).format(n);
    } catch {
      // fall through: an unknown code is shown as a plain number
    }
  }
  return n >= 1000 ? nf.format(Math.round(n)) : n.toFixed(2);
}

/** Escapes text for the HTML that ECharts tooltips render. */
export function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Shortens a label for axes; the full text stays in tooltips and tables. */
export function short(text: string, max = 28): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
