/** Builds DOM with text nodes only: a string child is always text, never markup (events are untrusted). */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') el.className = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** A card with a heading, an optional sub line and content. */
export function card(title: string, sub: string | null, span: number, ...children: Child[]): HTMLElement {
  return h('section', { class: `card span-${span}`, 'aria-label': title }, h('h3', {}, title), sub ? h('p', { class: 'sub' }, sub) : null, ...children);
}

/** The "nothing to show" box. */
export function empty(text: string): HTMLElement {
  return h('p', { class: 'empty' }, text);
}

let uid = 0;
/** A unique element id. */
export function nextId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A labelled form control. */
export function field(label: string, control: HTMLElement): HTMLElement {
  const id = control.id || nextId('f');
  control.id = id;
  return h('label', { class: 'field', for: id }, label, control);
}

/** A `<select>` with options `[value, label]`. */
export function select(options: [string, string][], value: string, onChange: (value: string) => void): HTMLSelectElement {
  const el = h('select', { onchange: () => onChange(el.value) });
  for (const [v, label] of options) el.appendChild(h('option', { value: v, selected: v === value }, label));
  el.value = value;
  return el;
}

/** A segmented button group (aria-pressed). */
export function segmented(label: string, options: [string, string][], value: string, onChange: (value: string) => void): HTMLElement {
  const group = h('div', { class: 'seg', role: 'group', 'aria-label': label });
  for (const [v, text] of options) {
    const b = h('button', { type: 'button', 'aria-pressed': String(v === value) }, text);
    b.addEventListener('click', () => {
      for (const other of Array.from(group.children)) other.setAttribute('aria-pressed', String(other === b));
      onChange(v);
    });
    group.appendChild(b);
  }
  return group;
}
