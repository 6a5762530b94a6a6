import { describe, expect, test } from 'vitest';
import { escapeHtml, inlineScript, jsonForScript } from './escape.js';

const XSS = '<img src=x onerror=alert(1)></script><!--';

describe('escaping untrusted strings', () => {
  test('escapeHtml leaves no markup characters', () => {
    expect(escapeHtml(`${XSS}"'&`)).toBe('&#60;img src=x onerror=alert(1)&#62;&#60;/script&#62;&#60;!--&#34;&#39;&#38;');
  });

  test('jsonForScript cannot close its element and parses back to the same value', () => {
    const value = { path: XSS, ls: '\u2028\u2029', nested: [{ a: '</SCRIPT>' }] };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(text)).toEqual(value);
  });

  test('inlineScript breaks every closing tag and comment opener, keeping string values', () => {
    const source = 'var a = "</script>", b = "</SCRIPT >", c = "<!--";';
    const safe = inlineScript(source);
    expect(safe).not.toMatch(/<\/script/i);
    expect(safe).not.toContain('<!--');
    // the escaped form means the same string to JavaScript
    expect(new Function(`${safe}; return [a, b, c];`)()).toEqual(['</script>', '</SCRIPT >', '<!--']);
  });
});
