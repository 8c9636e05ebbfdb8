// The counters above the chart: orders by status and net revenue, each bumping when it changes.
import { count, el, money } from './format.js';

const STATUSES = [
  ['placed', 'Placed', 'var(--placed)'], ['paid', 'Paid', 'var(--paid)'], ['shipped', 'Shipped', 'var(--shipped)'],
  ['cancelled', 'Cancelled', 'var(--cancelled)'], ['refunded', 'Refunds', 'var(--refunded)'],
];

export class Counters {
  constructor(container) {
    this.values = new Map();
    const cards = STATUSES.map(([key, label, colour]) => this.card(key, label, colour));
    cards.push(this.card('revenue', 'Net revenue', 'var(--brand)', 'revenue'));
    container.replaceChildren(...cards);
  }

  card(key, label, colour, extra) {
    const value = el('div', { class: 'value', 'data-test': `count-${key}`, text: '—' });
    this.values.set(key, value);
    const card = el('div', { class: `kpi ${extra || ''}` }, el('div', { class: 'label', text: label }), value);
    card.style.setProperty('--accent', colour);
    return card;
  }

  update(stats) {
    if (!stats) return;
    for (const [key] of STATUSES) this.set(key, count(stats.counts[key]), stats.counts[key]);
    const main = stats.revenue[0];
    this.set('revenue', main ? money(main.revenue, main.currency) : money('0', 'EUR'), main ? main.revenue : '0');
    const others = stats.revenue.slice(1).map(r => money(r.revenue, r.currency)).join(' · ');
    this.values.get('revenue').title = others ? `Also: ${others}` : '';
  }

  set(key, text, raw) {
    const node = this.values.get(key);
    if (node.dataset.raw === String(raw)) return;
    const first = node.dataset.raw === undefined;
    node.dataset.raw = String(raw);
    node.textContent = text;
    if (!first) {
      node.classList.remove('bump');
      void node.offsetWidth; // restart the animation
      node.classList.add('bump');
    }
  }
}
