import type { Boot } from './types.js';
import { clientBundle } from './bundle.js';
import { escapeHtml, inlineScript, jsonForScript } from './escape.js';
import { styles } from './styles.js';

/** The one HTML page both the dashboard and the report are: shell, styles, boot JSON, client bundle. */
export function page(boot: Boot): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<link rel="icon" href="data:,">
<title>${escapeHtml(boot.title)}</title>
<style>${styles}</style>
</head>
<body>
<div id="app" class="app"><noscript>This ${boot.mode} needs JavaScript.</noscript></div>
<script type="application/json" id="footfall-boot">${jsonForScript(boot)}</script>
<script>${inlineScript(clientBundle())}</script>
</body>
</html>
`;
}
