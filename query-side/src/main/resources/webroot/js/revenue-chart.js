// Revenue per hour as an SVG bar chart, drawn here (no charting library): one bar per bucket of the series
// the server sends, in its main currency, the current hour highlighted, hover for the exact figure.
import { hour, money, shortMoney } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 960, H = 220, LEFT = 56, BOTTOM = 24, TOP = 10;

function svg(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten. */
function niceMax(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map(m => m * power).find(m => m >= value);
}

export function mainCurrency(revenue) {
  const totals = Object.entries(revenue.total || {});
  totals.sort((a, b) => Number(b[1]) - Number(a[1]));
  return totals.length ? totals[0][0] : null;
}

export function drawRevenue(container, totalNode, revenue) {
  const currency = mainCurrency(revenue) || 'EUR';
  const points = revenue.points.map(p => ({ at: p.at, value: Number((p.revenue || {})[currency] || 0), payments: p.payments }));
  const max = niceMax(Math.max(0, ...points.map(p => p.value)));
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Revenue per hour in ${currency}`, 'data-test': 'revenue-chart' });
  const plotH = H - TOP - BOTTOM;
  for (let i = 0; i <= 4; i++) {
    const y = TOP + plotH - (plotH * i) / 4;
    chart.append(svg('line', { class: 'grid-line', x1: LEFT, x2: W, y1: y, y2: y }));
    chart.append(svg('text', { class: 'axis', x: LEFT - 8, y: y + 4, 'text-anchor': 'end' }, shortMoney((max * i) / 4, currency)));
  }
  const slot = (W - LEFT) / Math.max(1, points.length);
  points.forEach((p, i) => {
    const h = (p.value / max) * plotH;
    const bar = svg('rect', {
      class: i === points.length - 1 ? 'bar now' : 'bar', x: LEFT + i * slot + slot * 0.15, width: slot * 0.7,
      y: TOP + plotH - h, height: Math.max(h, p.value > 0 ? 2 : 0), rx: 3, 'data-test': 'bar', 'data-at': p.at, 'data-value': p.value,
    });
    bar.append(svg('title', {}, `${hour(p.at)} · ${money(p.value.toFixed(2), currency)} · ${p.payments} payments`));
    chart.append(bar);
    if (i % 3 === 0 || i === points.length - 1) {
      chart.append(svg('text', { class: 'axis', x: LEFT + i * slot + slot / 2, y: H - 6, 'text-anchor': 'middle' }, hour(p.at)));
    }
  });
  if (points.every(p => p.value === 0)) {
    chart.append(svg('text', { class: 'empty', x: (W + LEFT) / 2, y: H / 2, 'text-anchor': 'middle' }, 'No payments in the last 24 hours yet'));
  }
  container.replaceChildren(chart);
  const total = (revenue.total || {})[currency];
  totalNode.textContent = `${money(total || '0', currency)} in the last 24 h`;
  totalNode.dataset.value = total || '0';
}
