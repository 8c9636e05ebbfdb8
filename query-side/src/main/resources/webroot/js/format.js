// How numbers, money and times read in the dashboard.
const counts = new Intl.NumberFormat(undefined);
const moneyFormats = new Map();

export function count(n) {
  return counts.format(n || 0);
}

export function money(amount, currency) {
  if (amount === null || amount === undefined) return '—';
  if (!currency) return amount;
  if (!moneyFormats.has(currency)) {
    try {
      moneyFormats.set(currency, new Intl.NumberFormat(undefined, { style: 'currency', currency }));
    } catch (e) {
      moneyFormats.set(currency, { format: v => `${v} ${currency}` });
    }
  }
  return moneyFormats.get(currency).format(Number(amount));
}

/** Compact money for chart axes: €1.2k. */
export function shortMoney(value, currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value);
  } catch (e) {
    return String(Math.round(value));
  }
}

export function time(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function hour(iso) {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}
