// The dashboard's shell: sign-in or the signed-in pages (#/live, #/admin), chosen by the URL hash.
import { whenUnauthorized } from './api.js';
import { adminView } from './admin-view.js';
import { liveView } from './live-view.js';
import * as session from './session.js';
import { signinView } from './signin-view.js';

const view = document.getElementById('view');
const topbar = document.querySelector('.topbar');
const liveStatus = document.querySelector('[data-test="live-status"]');
const LABELS = { idle: 'Idle', connecting: 'Connecting…', live: 'Live', offline: 'Offline' };
let leave = () => {};

function setLiveState(state) {
  liveStatus.dataset.state = state;
  liveStatus.querySelector('span').textContent = LABELS[state];
}

function signOut(message) {
  session.signOut();
  render(message);
}

function render(message) {
  leave();
  const claims = session.claims();
  if (!claims || (claims.exp && claims.exp * 1000 < Date.now())) {
    topbar.hidden = true;
    leave = signinView(view, { signedIn: () => { location.hash = '#/live'; render(); }, message });
    return;
  }
  topbar.hidden = false;
  document.querySelector('[data-test="tenant-badge"]').textContent = session.viewedTenant() || 'all tenants';
  document.querySelector('[data-test="subject"]').textContent = claims.sub;
  const page = location.hash === '#/admin' ? 'admin' : 'live';
  document.querySelectorAll('.tabs a').forEach(a => a.classList.toggle('active', a.getAttribute('href') === `#/${page}`));
  leave = page === 'admin'
    ? adminView(view)
    : liveView(view, { setLiveState, expired: () => signOut('Your session expired; sign in again.'), rerender: () => render() });
}

document.querySelector('[data-test="sign-out"]').addEventListener('click', () => signOut());
whenUnauthorized(() => signOut('The server no longer accepts this token; sign in again.'));
window.addEventListener('hashchange', () => render());
render();
