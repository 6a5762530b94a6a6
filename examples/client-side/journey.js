// The visitor's own journey, computed in the browser with the core's ESM build:
// stage (stageModel), funnel progress (createFunnel) and conversion probability (predict).
import { createFunnel, createJourneyModel, stageProgress, normalize, predict, stageModel } from '../../packages/core/dist/index.js';
import { generateDemo } from '../../packages/node/dist/demo.js';

const STORE = 'footfall-example-events';
const STEPS = ['page:/', 'page:/product/*', 'cart:add', 'cart:purchase'];
const CLEAN = [['^/product/.*', '/product/*'], ['^/category/.*', '/category/*']];
const $ = (id) => document.getElementById(id);

/** The journey model: fitted once on demo traffic (in a real shop: fetched as JSON from your server). */
function fitModel() {
  const fit = createJourneyModel({ clean: CLEAN });
  for (const e of normalize(generateDemo({ events: 30000, seed: 3 }))) fit.add(e);
  return fit.result();
}

function load() {
  try {
    return JSON.parse(localStorage.getItem(STORE) ?? '{}');
  } catch {
    return {};
  }
}

function save(state) {
  state.events = state.events.slice(-500);
  localStorage.setItem(STORE, JSON.stringify(state));
}

function visitor() {
  const state = load();
  state.anonymousId ??= crypto.randomUUID();
  state.sessionId ??= crypto.randomUUID();
  state.events ??= [];
  return state;
}

/** Records one event the way the browser SDK would (docs/events.md). */
function record(what) {
  const state = visitor();
  const [type, name] = what.split(':');
  const base = { id: crypto.randomUUID(), ts: Date.now(), anonymousId: state.anonymousId, sessionId: state.sessionId };
  const event =
    type === 'page'
      ? { ...base, type: 'page', url: `${location.origin}${name}` }
      : { ...base, type: 'cart', url: location.href, action: name, ...(name === 'purchase' ? { value: 89, currency: 'EUR', orderId: base.id } : {}) };
  state.events.push(event);
  save(state);
}

/** Everything the page shows, from the stored events. */
export function compute(model, raw) {
  const events = normalize(raw);
  const stages = stageModel();
  const progress = stageProgress();
  const funnel = createFunnel({ steps: STEPS });
  for (const e of events) {
    stages.track(progress, e);
    funnel.add(e);
  }
  const steps = funnel.result().steps;
  const reached = steps.filter((s) => s.count > 0).length;
  const last = events.at(-1);
  const session = last ? events.filter((e) => e.session === last.session) : [];
  const prediction = predict(model, session);
  return { stage: events.length ? stages.stageOf(progress) : 'none yet', reached, steps: steps.map((s) => s.step), prediction };
}

function render(model) {
  const view = compute(model, visitor().events);
  $('stage').textContent = view.stage;
  $('funnel').replaceChildren(
    ...view.steps.map((step, i) => {
      const li = document.createElement('li');
      li.textContent = step;
      if (i < view.reached) li.className = 'done';
      return li;
    }),
  );
  const p = view.prediction.conversionProbability;
  $('probability').textContent = `${(p * 100).toFixed(1)}%`;
  $('meter').value = p;
  $('next').textContent = view.prediction.next.map((n) => `${n.item} (${(n.probability * 100).toFixed(0)}%)`).join(', ') || '–';
  window.footfallView = view;
}

const started = performance.now();
const model = fitModel();
$('status').textContent = `Journey model fitted on ${model.sessions.toLocaleString('en')} demo sessions in ${Math.round(performance.now() - started)} ms, in this tab.`;
for (const button of document.querySelectorAll('button[data-event]')) {
  button.addEventListener('click', () => {
    record(button.dataset.event);
    render(model);
  });
}
$('new-session').addEventListener('click', () => {
  const state = visitor();
  state.sessionId = crypto.randomUUID();
  save(state);
  render(model);
});
$('reset').addEventListener('click', () => {
  localStorage.removeItem(STORE);
  render(model);
});
render(model);
window.footfallReady = true;
