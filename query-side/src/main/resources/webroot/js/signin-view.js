// Sign in with a bearer token; on a dev platform the launcher's tokens are offered as one click each.
import { devTokens } from './api.js';
import { el } from './format.js';
import * as session from './session.js';

export function signinView(view, { signedIn, message }) {
  const error = el('p', { class: 'error', 'data-test': 'signin-error', text: message || '' });
  const field = el('textarea', { rows: 4, placeholder: 'eyJhbGciOi…', 'data-test': 'token-input', 'aria-label': 'Bearer token' });
  const tokens = el('div', { class: 'dev-tokens', 'data-test': 'dev-tokens' });
  const devSection = el('div', { hidden: true }, el('div', { class: 'divider', text: 'or use a development token' }), tokens);
  const use = token => {
    try {
      session.signIn(token);
      signedIn();
    } catch (e) {
      error.textContent = e.message;
    }
  };
  view.replaceChildren(el('section', { class: 'signin' }, el('div', { class: 'panel' },
    el('h1', {}, el('img', { src: '/favicon.svg', alt: '', width: 28, height: 28 }), el('span', { text: 'Sign in to Tally' })),
    el('p', { class: 'subtitle', text: 'Paste the bearer token your administrator gave you. It stays in this tab only.' }),
    el('form', { onsubmit: e => { e.preventDefault(); use(field.value); } },
      field, error, el('div', {}, el('button', { class: 'primary', type: 'submit', 'data-test': 'sign-in', text: 'Sign in' }))),
    devSection)));
  devTokens().then(list => {
    if (!list.length) return;
    devSection.hidden = false;
    tokens.replaceChildren(...list.map(t => el('button', {
      class: 'dev-token', type: 'button', 'data-test': 'dev-token', 'data-subject': t.subject, onclick: () => use(t.token),
    }, el('strong', { text: t.subject }), el('span', { class: 'hint', text: t.tenant ? `tenant ${t.tenant}` : 'all tenants' }),
    el('div', { class: 'chips' }, ...t.roles.map(r => el('span', { class: 'chip', text: r }))))));
  });
  return () => {};
}
