// The live page: counters, revenue chart and orders table, fed by the WebSocket (snapshot, then deltas).
import { Counters } from './counters.js';
import { el } from './format.js';
import { LiveFeed } from './live-feed.js';
import { OrdersTable } from './orders-table.js';
import { drawRevenue } from './revenue-chart.js';
import * as session from './session.js';

export function liveView(view, { setLiveState, expired, rerender }) {
  const tenant = session.viewedTenant();
  const picker = session.isPlatformAdmin() ? tenantPicker(tenant, rerender) : null;
  if (!tenant) {
    view.replaceChildren(el('h1', { text: 'Live orders' }), el('p', { class: 'subtitle', text: 'A platform admin sees one tenant at a time: choose it.' }), picker);
    return () => {};
  }
  const kpis = el('section', { class: 'grid kpis', 'data-test': 'kpis' });
  const chart = el('div', { class: 'chart' });
  const total = el('span', { class: 'hint', 'data-test': 'revenue-total' });
  const tbody = el('tbody', { 'data-test': 'orders' });
  view.replaceChildren(
    el('div', { class: 'panel-head' },
      el('div', {}, el('h1', { text: 'Live orders' }), el('p', { class: 'subtitle', text: `Tenant ${tenant} · updates the moment the projections commit` })),
      picker),
    kpis,
    el('section', { class: 'grid two' },
      el('div', { class: 'panel' }, el('div', { class: 'panel-head' }, el('h2', { text: 'Revenue per hour' }), total), chart),
      el('div', { class: 'panel' },
        el('div', { class: 'panel-head' }, el('h2', { text: 'Orders' }), el('span', { class: 'hint', text: 'newest first · up to 50' })),
        el('table', {}, el('thead', {}, el('tr', {}, ...['Order', 'Status', 'Amount', 'Version', 'Placed', 'Updated']
          .map((h, i) => el('th', { class: i === 2 || i === 3 ? 'num' : null, text: h })))), tbody))));
  const counters = new Counters(kpis);
  const table = new OrdersTable(tbody);
  table.replace([]);
  const feed = new LiveFeed(tenant, session.token(), {
    onState: setLiveState,
    onExpired: expired,
    onMessage: message => {
      if (message.type === 'snapshot') {
        table.replace(message.orders);
        counters.update(message.stats);
        if (message.revenue) drawRevenue(chart, total, message.revenue);
      } else if (message.type === 'orders') {
        table.merge(message.orders);
      } else if (message.type === 'stats') {
        counters.update(message.stats);
        if (message.revenue) drawRevenue(chart, total, message.revenue);
      }
    },
  });
  feed.start();
  const visible = () => document.visibilityState === 'visible' && feed.resync();
  document.addEventListener('visibilitychange', visible);
  return () => {
    document.removeEventListener('visibilitychange', visible);
    feed.stop();
    setLiveState('idle');
  };
}

function tenantPicker(current, rerender) {
  const input = el('input', { value: current, placeholder: 'tenant, e.g. acme', 'data-test': 'tenant-input', 'aria-label': 'Tenant' });
  return el('form', { class: 'toolbar', onsubmit: e => {
    e.preventDefault();
    session.viewTenant(input.value.trim());
    rerender();
  } }, input, el('button', { class: 'primary', type: 'submit', text: 'View tenant' }));
}
