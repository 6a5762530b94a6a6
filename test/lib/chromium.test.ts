import { expect, it } from 'vitest';
import { launchChromium } from './chromium.js';

it('starts Debian Chromium headless and renders a page', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<h1 id="t">footfall</h1>');
    expect(await page.textContent('#t')).toBe('footfall');
  } finally {
    await browser.close();
  }
});
