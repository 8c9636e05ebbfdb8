// The projections page: each projection's state and lag, dead letters waiting, and a replay with its progress.
// It polls the admin API every two seconds while open (status is not pushed; it changes slowly).
import { get, post } from './api.js';
import { count, el } from './format.js';
import * as session from './session.js';

const EVERY_MS = 2000;

export function adminView(view) {
  if (!session.isAdmin()) {
    view.replaceChildren(el('h1', { text: 'Projections' }),
      el('p', { class: 'notice', 'data-test': 'admin-forbidden', text: 'The projections page needs an admin token. Yours can read orders and analytics only.' }));
    return () => {};
  }
  const tenant = session.isPlatformAdmin() ? null : session.viewedTenant();
  const cards = el('section', { class: 'grid projections', 'data-test': 'projections' });
  const error = el('p', { class: 'error', 'data-test': 'admin-error' });
  view.replaceChildren(el('h1', { text: 'Projections' }),
    el('p', { class: 'subtitle', text: tenant
      ? `Every store is rebuilt from the event log. As admin of ${tenant} you can rebuild your tenant's data.`
      : 'Every store is rebuilt from the event log. As platform admin you replay all tenants at once.' }),
    error, cards);
  const shown = new Map();
  let timer;
  const refresh = async () => {
    try {
      const { projections } = await get('/v1/admin/projections');
      const letters = await Promise.all(projections.map(p => deadLetters(p.name, tenant)));
      projections.forEach((p, i) => render(cards, shown, p, letters[i], tenant, error));
      error.textContent = '';
    } catch (e) {
      error.textContent = `Could not read the projections: ${e.message}`;
    }
    timer = setTimeout(refresh, EVERY_MS);
  };
  refresh();
  return () => clearTimeout(timer);
}

async function deadLetters(name, tenant) {
  try {
    const scope = tenant ? `&tenant=${encodeURIComponent(tenant)}` : '';
    return (await get(`/v1/admin/dead-letters?projection=${encodeURIComponent(name)}&limit=0${scope}`)).pending;
  } catch (e) {
    return null;
  }
}

function render(cards, shown, p, pendingLetters, tenant, error) {
  let card = shown.get(p.name);
  if (!card) {
    card = build(p.name, tenant, error);
    shown.set(p.name, card);
    cards.append(card.root);
  }
  card.state.textContent = p.state;
  card.state.className = `state ${p.state}`;
  card.lag.textContent = count(p.lagEvents);
  card.lagSeconds.textContent = p.lagSeconds > 0 ? `${p.lagSeconds.toFixed(1)} s` : '0 s';
  card.processed.textContent = count(p.processed);
  card.letters.textContent = pendingLetters === null ? '—' : count(pendingLetters);
  card.letters.classList.toggle('alert', pendingLetters > 0);
  card.error.textContent = p.lastError ? `Last error: ${p.lastError}` : '';
  const replay = p.replay;
  const active = replay && ['preparing', 'rebuilding', 'swapping'].includes(replay.phase);
  card.button.disabled = active || card.starting;
  card.progressWrap.hidden = !replay;
  if (replay) {
    card.bar.style.width = `${replay.percent}%`;
    card.bar.parentElement.setAttribute('aria-valuenow', replay.percent);
    card.phase.textContent = replay.phase === 'failed' ? `failed: ${replay.error || ''}` : replay.phase;
    card.phase.dataset.phase = replay.phase;
    card.percent.textContent = `${replay.percent}%` + (replay.etaSeconds ? ` · ${replay.etaSeconds} s left` : '')
      + ` · ${count(replay.applied)} events · ${replay.scope}`;
  }
}

function build(name, tenant, error) {
  const c = {};
  c.state = el('span', { class: 'state', 'data-test': 'state' });
  const fact = (label, key, test) => el('div', { class: 'fact' }, el('div', { class: 'label', text: label }), c[key] = el('div', { class: 'value', 'data-test': test }));
  c.error = el('div', { class: 'last-error' });
  c.bar = el('div', {});
  c.phase = el('span', { 'data-test': 'replay-phase' });
  c.percent = el('span', { 'data-test': 'replay-percent' });
  c.progressWrap = el('div', { hidden: true },
    el('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'data-test': 'replay-progress' }, c.bar),
    el('div', { class: 'progress-label' }, c.phase, c.percent));
  c.button = el('button', { class: 'primary replay', type: 'button', 'data-test': 'replay', text: tenant ? `Rebuild ${tenant}` : 'Replay all tenants' });
  c.button.addEventListener('click', async () => {
    if (!confirmReplay(name, tenant)) return;
    c.starting = true;
    c.button.disabled = true;
    try {
      await post(`/v1/admin/projections/${encodeURIComponent(name)}/replay${tenant ? `?tenant=${encodeURIComponent(tenant)}` : ''}`);
    } catch (e) {
      error.textContent = `Replay of ${name} refused: ${e.message}`;
    } finally {
      c.starting = false;
    }
  });
  c.root = el('article', { class: 'panel projection', 'data-test': 'projection', 'data-name': name },
    el('h2', {}, el('span', { text: name }), c.state),
    el('div', { class: 'facts' }, fact('Lag (events)', 'lag', 'lag-events'), fact('Lag (time)', 'lagSeconds', 'lag-seconds'),
      fact('Dead letters', 'letters', 'dead-letters'), fact('Processed', 'processed', 'processed')),
    c.error, c.progressWrap, c.button);
  return c;
}

// Replays are safe (the live view keeps serving) but costly; one click should not start one by accident.
function confirmReplay(name, tenant) {
  return window.confirm(`Rebuild ${name} from the event log${tenant ? ` for ${tenant}` : ' for every tenant'}? The current view keeps serving until the rebuilt one is swapped in.`);
}
