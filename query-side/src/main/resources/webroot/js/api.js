// Calls to the query API with the bearer token; errors carry the problem body the server sent.
import { token } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

let onUnauthorized = () => {};

/** Called when the server refuses the token (expired, revoked): the app signs out. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

async function call(method, path) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${token()}`, Accept: 'application/json' },
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401) onUnauthorized(body);
    throw new ApiError(response.status, body);
  }
  return body;
}

export const get = path => call('GET', path);
export const post = path => call('POST', path);

export async function devTokens() {
  const response = await fetch('/dev/tokens');
  if (!response.ok) return [];
  return (await response.json()).tokens || [];
}
