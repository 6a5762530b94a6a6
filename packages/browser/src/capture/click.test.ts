import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../../test/fakes.js';
import { clicks, DEAD_WAIT_MS } from './click.js';

let f: ReturnType<typeof fakeClient>;
let hour = 0;
const click = (el: Element, x = 10, y = 10) => el.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: x, clientY: y }));
const clickEvents = () => f.emitted.filter((e) => e.type === 'click');

beforeEach(() => {
  // The SDK's clock never goes back within a page (docs/sdk.md, "Clocks"): each test starts an hour after the last.
  vi.useFakeTimers({ toFake: ['setTimeout', 'Date'], now: Date.now() + 3_600_000 * ++hour });
  document.body.innerHTML = `
    <nav id="nav"><a href="/pricing">Pricing</a></nav>
    <button id="buy">Buy for ann@example.com <b>now</b></button>
    <form><input id="email" value="secret@example.com"></form>
    <div data-footfall-ignore><button id="hidden">Private</button></div>`;
  f = fakeClient();
  clicks()(f.client);
});
afterEach(() => {
  f.stop();
  vi.useRealTimers();
});

describe('click capture', () => {
  it('records selector, masked text, tag, href and positions; held until the dead-click window ends', () => {
    const buy = document.getElementById('buy')!;
    vi.spyOn(buy, 'getBoundingClientRect').mockReturnValue({ left: 0, top: 0, width: 40, height: 20 } as DOMRect);
    click(buy.querySelector('b')!, 10, 5);
    expect(clickEvents()).toHaveLength(0);
    vi.advanceTimersByTime(DEAD_WAIT_MS);
    expect(clickEvents()).toHaveLength(1);
    expect(clickEvents()[0]).toMatchObject({ selector: '#buy', tag: 'button', text: 'Buy for *** now', x: 10, y: 5, rx: 0.25, ry: 0.25, vw: innerWidth, vh: innerHeight });
    click(document.querySelector('#nav a')!);
    f.hooks.end.forEach((h) => h()); // navigation ends the page view: released at once
    expect(clickEvents()[1]).toMatchObject({ selector: '#nav>a', tag: 'a', text: 'Pricing', href: `${location.origin}/pricing` });
  });
  it('never reads inputs and skips data-footfall-ignore', () => {
    click(document.getElementById('email')!);
    click(document.getElementById('hidden')!);
    vi.advanceTimersByTime(DEAD_WAIT_MS);
    expect(clickEvents()).toHaveLength(1);
    expect(clickEvents()[0].selector).toBe('#email');
    expect(clickEvents()[0].text).toBeUndefined();
    expect(JSON.stringify(f.emitted)).not.toContain('secret');
  });
  it('flags no rage: the core finds rage runs from positions and times (docs/metrics.md)', () => {
    const buy = document.getElementById('buy')!;
    click(buy, 10, 10);
    vi.advanceTimersByTime(300);
    click(buy, 20, 15);
    vi.advanceTimersByTime(300);
    click(buy, 25, 20);
    vi.advanceTimersByTime(1500);
    click(buy, 25, 20); // > 1 s after the previous: a new run
    vi.advanceTimersByTime(DEAD_WAIT_MS);
    expect(clickEvents().map((e) => 'rage' in e)).toEqual([false, false, false, false]);
    const t0 = clickEvents()[0].ts as number;
    // What the core's rage rule reads: time and document position of every click.
    expect(clickEvents().map((e) => [(e.ts as number) - t0, e.x, e.y])).toEqual([[0, 10, 10], [300, 20, 15], [600, 25, 20], [2100, 25, 20]]);
  });
  it('marks dead clicks: no mutation, navigation, scroll or selection change follows', async () => {
    const buy = document.getElementById('buy')!;
    click(buy);
    vi.advanceTimersByTime(DEAD_WAIT_MS);
    expect(clickEvents()[0].dead).toBe(true);
    buy.addEventListener('click', () => buy.setAttribute('aria-pressed', 'true'));
    click(buy, 300, 300);
    await Promise.resolve(); // mutation records are delivered in a microtask
    vi.advanceTimersByTime(DEAD_WAIT_MS);
    expect(clickEvents()[1].dead).toBeUndefined();
    click(buy, 600, 600);
    document.dispatchEvent(new Event('scroll'));
    vi.advanceTimersByTime(DEAD_WAIT_MS);
    expect(clickEvents()[2].dead).toBeUndefined();
  });
});
