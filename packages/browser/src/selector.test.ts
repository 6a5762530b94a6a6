import { beforeEach, describe, expect, it } from 'vitest';
import { selectorOf } from './selector.js';

describe('selectorOf', () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <nav id="nav"><a href="/a">A</a><a href="/b">B</a></nav>
      <div class="x"><ul><li>1</li><li><button>Go</button></li></ul></div>
      <div id="ember123"><span data-testid="price">9</span><p><b>bold</b></p></div>
      <section><button data-footfall-id="sku-1">Add</button></section>`;
  });
  it('stops at the nearest stable id', () => {
    expect(selectorOf(document.querySelectorAll('#nav a')[1])).toBe('#nav>a:nth-of-type(2)');
  });
  it('walks to body with nth-of-type only where siblings share the tag', () => {
    expect(selectorOf(document.querySelector('li button')!)).toBe('body>div:nth-of-type(1)>ul>li:nth-of-type(2)>button');
  });
  it('skips generated ids and uses data-testid and data-footfall-id', () => {
    expect(selectorOf(document.querySelector('b')!)).toBe('body>div:nth-of-type(2)>p>b');
    expect(selectorOf(document.querySelector('span')!)).toBe('span[data-testid="price"]');
    expect(selectorOf(document.querySelector('section button')!)).toBe('body>section>button[data-footfall-id="sku-1"]');
  });
  it('finds the element it names', () => {
    for (const el of document.querySelectorAll('body *')) expect(document.querySelector(selectorOf(el))).toBe(el);
  });
});
