// The live orders table: rows keyed by order id, a newer version always wins (deltas may overtake a
// snapshot), newest orders on top, changed rows flash.
import { el, money, time } from './format.js';

const SHOWN = 50;

export class OrdersTable {
  constructor(tbody) {
    this.tbody = tbody;
    this.orders = new Map();
  }

  replace(orders) {
    this.orders.clear();
    orders.forEach(o => this.orders.set(o.orderId, o));
    this.render(new Set());
  }

  merge(orders) {
    const changed = new Set();
    for (const order of orders) {
      const known = this.orders.get(order.orderId);
      if (!known || order.version > known.version) {
        this.orders.set(order.orderId, order);
        changed.add(order.orderId);
      }
    }
    if (changed.size) this.render(changed);
  }

  render(changed) {
    const rows = [...this.orders.values()]
      .sort((a, b) => (b.createdAt || '').localeCompare(a.createdAt || '') || b.orderId.localeCompare(a.orderId))
      .slice(0, SHOWN);
    // Forget what no longer fits, so memory stays bounded however long the page is open.
    if (this.orders.size > SHOWN * 4) {
      const keep = new Set(rows.map(r => r.orderId));
      [...this.orders.keys()].forEach(id => keep.has(id) || this.orders.delete(id));
    }
    if (!rows.length) {
      this.tbody.replaceChildren(el('tr', { class: 'empty-row' }, el('td', { colspan: 6, text: 'No orders yet. They appear here the moment they are placed.' })));
      return;
    }
    this.tbody.replaceChildren(...rows.map(o => el('tr', {
      'data-test': 'order-row', 'data-order-id': o.orderId, 'data-status': o.status, class: changed.has(o.orderId) ? 'flash' : null,
    },
    el('td', { class: 'mono', text: o.orderId }),
    el('td', {}, el('span', { class: `pill ${o.status}`, text: o.status.toLowerCase() })),
    el('td', { class: 'num', text: money(o.amount, o.currency) }),
    el('td', { class: 'num', text: `v${o.version}` }),
    el('td', { text: time(o.createdAt) }),
    el('td', { text: time(o.updatedAt) }))));
  }
}
