// The signed-in token, kept for this browser tab only (sessionStorage), and what its claims say.
const TOKEN = 'tally.token';
const VIEWED = 'tally.viewedTenant';

export function token() {
  return sessionStorage.getItem(TOKEN);
}

/** The token's claims, or null when it is not a JWT. The server verifies it; this only reads it for the UI. */
export function claimsOf(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch (e) {
    return null;
  }
}

export function claims() {
  const t = token();
  return t ? claimsOf(t) : null;
}

export function signIn(jwt) {
  const c = claimsOf(jwt.trim());
  if (!c) throw new Error('That is not a token (expected a JWT: three dot-separated parts).');
  if (c.exp && c.exp * 1000 < Date.now()) throw new Error('This token has expired.');
  sessionStorage.setItem(TOKEN, jwt.trim());
  sessionStorage.removeItem(VIEWED);
  return c;
}

export function signOut() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(VIEWED);
}

export function roles() {
  return (claims() && claims().roles) || [];
}

export function isPlatformAdmin() {
  return roles().includes('platform-admin');
}

export function isAdmin() {
  return isPlatformAdmin() || roles().includes('admin');
}

/** A tenant token sees its own tenant; a platform admin chooses one. */
export function viewedTenant() {
  const c = claims();
  if (c && c.tenant) return c.tenant;
  return sessionStorage.getItem(VIEWED) || '';
}

export function viewTenant(tenant) {
  sessionStorage.setItem(VIEWED, tenant);
}
