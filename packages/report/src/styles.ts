/** The dashboard's and report's stylesheet (inlined in the page head). Colours meet WCAG AA contrast. */
export const styles = `
:root{--bg:#f5f6fa;--card:#fff;--ink:#172033;--muted:#5a6478;--line:#e3e6ee;--accent:#4338ca;--accent-soft:#eef0ff;
--good:#0b7a43;--good-bg:#e3f6ec;--ni:#8a5a00;--ni-bg:#fff3d6;--poor:#b42318;--poor-bg:#fde8e6;--focus:#2563eb;
--radius:12px;--shadow:0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08);
font-family:Inter,ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:15px;color:var(--ink);background:var(--bg)}
*{box-sizing:border-box}
body{margin:0;min-width:320px}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:4px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.skip{position:absolute;left:-9999px;top:8px;background:#fff;padding:8px 12px;z-index:10}
.skip:focus{left:8px}
.topbar{display:flex;align-items:center;gap:14px;padding:12px 24px;background:#111827;color:#f9fafb;flex-wrap:wrap}
.brand{display:flex;align-items:center;gap:10px;font-weight:700;font-size:18px;letter-spacing:-.01em}
.brand svg{flex:none}
.topbar h1{font-size:15px;font-weight:500;margin:0;color:#d1d5db;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:40vw}
.topbar .spacer{flex:1}
.badge{display:inline-flex;align-items:center;gap:6px;font-size:12px;font-weight:600;padding:4px 10px;border-radius:999px;background:#1f2937;color:#e5e7eb}
.dot{width:8px;height:8px;border-radius:50%;background:#9ca3af}
.dot.on{background:#22c55e;box-shadow:0 0 0 3px rgba(34,197,94,.25)}
nav.tabs{display:flex;gap:4px;padding:0 24px;background:#fff;border-bottom:1px solid var(--line);overflow-x:auto;scrollbar-width:none;position:sticky;top:0;z-index:5}
nav.tabs a{padding:14px 14px 12px;text-decoration:none;color:var(--muted);font-weight:600;border-bottom:3px solid transparent;white-space:nowrap}
nav.tabs a:hover{color:var(--ink)}
nav.tabs a[aria-current=page]{color:var(--accent);border-bottom-color:var(--accent)}
.filters-box>summary{display:none}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:end;padding:14px 24px 0}
.field{display:flex;flex-direction:column;gap:4px;font-size:12px;font-weight:600;color:var(--muted)}
input,select,button{font:inherit;font-size:14px}
input,select{padding:7px 10px;border:1px solid #c9cfdb;border-radius:8px;background:#fff;color:var(--ink);min-height:36px}
button{padding:7px 14px;border-radius:8px;border:1px solid #c9cfdb;background:#fff;color:var(--ink);cursor:pointer;min-height:36px;font-weight:600}
button:hover{background:#f3f4f8}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
button.primary:hover{background:#3730a3}
button.icon{padding:4px 10px;min-height:32px}
main{padding:18px 24px 40px;max-width:1440px;margin:0 auto}
.view-head{display:flex;align-items:baseline;justify-content:space-between;gap:12px;flex-wrap:wrap;margin:4px 0 14px}
.view-head h2{font-size:22px;margin:0;letter-spacing:-.01em}
.view-head p{margin:0;color:var(--muted)}
.grid{display:grid;gap:16px;grid-template-columns:repeat(12,1fr)}
.card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:16px 18px;min-width:0}
.card h3{font-size:15px;margin:0 0 4px}
.card .sub{color:var(--muted);font-size:13px;margin:0 0 10px}
.span-12{grid-column:span 12}.span-8{grid-column:span 8}.span-7{grid-column:span 7}.span-6{grid-column:span 6}.span-5{grid-column:span 5}.span-4{grid-column:span 4}
.kpis{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));margin-bottom:16px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:14px 16px}
.kpi .label{font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.kpi .value{font-size:26px;font-weight:700;margin-top:4px;letter-spacing:-.02em;font-variant-numeric:tabular-nums}
.kpi .hint{font-size:12px;color:var(--muted);margin-top:2px}
.chart{width:100%;height:320px}
.chart.tall{height:460px}
.chart.short{height:240px}
.empty{color:var(--muted);padding:28px 8px;text-align:center;border:1px dashed var(--line);border-radius:10px;background:#fafbfd}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:10px}
table{border-collapse:collapse;width:100%;font-size:14px;font-variant-numeric:tabular-nums}
th,td{padding:9px 12px;text-align:right;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f8f9fc;font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);position:sticky;top:0;white-space:nowrap}
th button{all:unset;cursor:pointer}
th button:focus-visible{outline:3px solid var(--focus)}
th[aria-sort=ascending] button::after{content:" \\2191"}
th[aria-sort=descending] button::after{content:" \\2193"}
td.text,th.text{text-align:left}
td.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;overflow-wrap:anywhere;min-width:150px}
tr:last-child td{border-bottom:0}
tbody tr:hover{background:#fafbff}
tr.focus{background:var(--accent-soft)}
.flags{margin:0;padding-left:18px}.flags li{margin:4px 0}
.chip{display:inline-block;padding:2px 8px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap}
.chip.good{background:var(--good-bg);color:var(--good)}.chip.ni{background:var(--ni-bg);color:var(--ni)}.chip.poor{background:var(--poor-bg);color:var(--poor)}
.chip.neutral{background:#eef1f6;color:#374151}
.reason{min-width:280px;max-width:520px;text-align:left;line-height:1.45}
.rank{font-weight:700;color:var(--muted)}
.steps{display:flex;flex-direction:column;gap:8px;margin-bottom:12px}
.step-row{display:flex;gap:8px;align-items:center}
.step-row .num{width:26px;height:26px;border-radius:50%;background:var(--accent-soft);color:var(--accent);display:grid;place-items:center;font-weight:700;font-size:13px;flex:none}
.step-row input{flex:1;min-width:0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.toolbar{display:flex;gap:10px;flex-wrap:wrap;align-items:end;margin-bottom:12px}
.note{font-size:13px;color:var(--muted)}
.error{color:var(--poor);font-size:13px;margin:6px 0}
.stage{position:relative;overflow-x:hidden;overflow-y:auto;max-height:max(480px,calc(100vh - 140px));border:1px solid var(--line);border-radius:10px;background:#fff}
.stage-inner{position:relative;transform-origin:0 0}
.stage iframe{border:0;display:block;background:#fff;pointer-events:none}
.blank-page{background:repeating-linear-gradient(180deg,#fff 0,#fff 99px,#f1f3f8 99px,#f1f3f8 100px)}
.layer{position:absolute;left:0;top:0;pointer-events:none}
.layer.heat{filter:blur(9px) saturate(1.3)}
.legend-bar{display:flex;align-items:center;gap:8px;font-size:12px;color:var(--muted)}
.legend-bar .ramp{width:140px;height:10px;border-radius:5px;background:linear-gradient(90deg,rgba(59,130,246,.5),#22c55e,#facc15,#ef4444)}
.legend-bar .ramp.scroll{background:linear-gradient(90deg,rgba(37,99,235,.65),rgba(250,204,21,.55),rgba(239,68,68,.55))}
.seg{display:inline-flex;border:1px solid #c9cfdb;border-radius:8px;overflow:hidden}
.seg button{border:0;border-radius:0;min-height:34px}
.seg button[aria-pressed=true]{background:var(--accent);color:#fff}
.filter-chip{display:inline-flex;align-items:center;gap:6px;background:var(--accent-soft);color:var(--accent);padding:4px 6px 4px 12px;border-radius:999px;font-weight:600;font-size:13px}
.filter-chip button{min-height:24px;padding:0 8px;border-radius:999px;border:0;background:transparent;color:var(--accent)}
.live-list{list-style:none;margin:0;padding:0}
.footer{color:var(--muted);font-size:12px;text-align:center;padding:0 24px 24px}
.timeline-group h4{margin:12px 0 4px;font-size:13px}.timeline-group ol,.next-steps{margin:0;padding-left:20px;display:grid;gap:4px}.timeline-group li,.next-steps li{font-size:13px;overflow-wrap:anywhere}.timeline-group time{color:var(--muted);font-variant-numeric:tabular-nums}
@media (max-width:900px){.span-8,.span-7,.span-6,.span-5,.span-4{grid-column:span 12}}
@media (max-width:600px){
 .topbar{padding:10px 14px}.topbar h1{max-width:60vw}
 nav.tabs{padding:0 8px}nav.tabs a{padding:12px 10px 10px}
 main{padding:14px 12px 32px}.filters{padding:12px 12px 0}
 .kpis{grid-template-columns:repeat(2,1fr);gap:10px}.kpi .value{font-size:21px}
 .card{padding:14px 12px}.chart{height:280px}.chart.tall{height:420px}
 th,td{padding:8px 8px}
 .filters .field{flex:1 1 40%}
 .table-wrap.stack{border:0;overflow:visible}
 table.stack thead{display:none}
 table.stack tr{display:block;border:1px solid var(--line);border-radius:10px;margin-bottom:10px;padding:6px 0;background:#fff}
 table.stack td{display:flex;gap:12px;justify-content:space-between;text-align:right;border:0;padding:5px 12px;min-width:0;max-width:none}
 table.stack td::before{content:attr(data-label);font-size:12px;font-weight:600;color:var(--muted);text-align:left;flex:none;max-width:40%}
 table.stack td.reason{display:block;text-align:left}
 table.stack td.reason::before{display:block;max-width:none;margin-bottom:2px}
 .filters-box>summary{display:list-item;padding:10px 12px 0;font-weight:600;color:var(--muted);cursor:pointer}
}
`;
