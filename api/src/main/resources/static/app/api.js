// The one way the page talks to the API: JSON in and out, the access token, and every failure turned
// into an ApiError whose message a person can read. Validation messages are the API's own words.

const FIELD_LABELS = {
  amount: 'Amount',
  receiver_id: 'Receiver',
  name: 'Name',
  email: 'Email',
  password: 'Password',
  password_confirmation: 'Password confirmation',
  token: 'This link',
};

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the API could not be reached
   * @param {string} message what went wrong, in plain words
   * @param {Record<string, string>} fieldErrors one sentence per request field that was not accepted
   */
  constructor(status, message, fieldErrors = {}) {
    super(message);
    this.status = status;
    this.fieldErrors = fieldErrors;
  }
}

let tokenSource = () => null;
let onUnauthorized = () => {};

/** Wires the API to the session without a circular import. */
export function configureApi({ token, unauthorized }) {
  tokenSource = token;
  onUnauthorized = unauthorized;
}

/** "amount" + "must have at most 2 decimals" → "Amount must have at most 2 decimals." */
export function fieldSentence(field, reason) {
  const label = FIELD_LABELS[field] ?? field.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
  return `${label} ${reason}${/[.!?]$/.test(reason) ? '' : '.'}`;
}

async function request(method, path, { body, headers = {}, authenticated = true } = {}) {
  const token = authenticated ? tokenSource() : null;
  const init = { method, headers: { Accept: 'application/json, application/problem+json', ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (networkFailure) {
    throw new ApiError(0, 'Mini Wallet cannot be reached right now. Check your connection and try again.');
  }
  if (response.ok) {
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }
  const problem = await readProblem(response);
  if (response.status === 401 && token) {
    // the token expired or was revoked: the session is over, wherever this call came from
    onUnauthorized();
  }
  throw toError(response.status, problem);
}

async function readProblem(response) {
  try {
    return await response.json();
  } catch (notJson) {
    return {};
  }
}

function toError(status, problem) {
  const fieldErrors = {};
  for (const { field, reason } of problem.errors ?? []) {
    // the first reason per field is the one to fix first; the API names each field once in practice
    fieldErrors[field] ??= fieldSentence(field, reason);
  }
  switch (true) {
    case status === 422 && Object.keys(fieldErrors).length > 0:
      return new ApiError(status, Object.values(fieldErrors).join(' '), fieldErrors);
    case status === 401:
      return new ApiError(status, problem.detail ?? 'Please sign in again.');
    case status === 404:
      return new ApiError(status, problem.detail ?? 'That was not found.');
    case status >= 500:
      return new ApiError(status, 'Something went wrong on our side. Please try again in a moment.');
    default:
      return new ApiError(status, problem.detail ?? `The request was not accepted (HTTP ${status}).`);
  }
}

export const api = {
  login: (email, password) =>
    request('POST', '/api/auth/login', { body: { email, password }, authenticated: false }),
  register: (form) => request('POST', '/api/auth/register', { body: form, authenticated: false }),
  verifyEmail: (token) => request('POST', '/api/auth/verify-email', { body: { token }, authenticated: false }),
  resendVerification: () => request('POST', '/api/auth/verify-email/resend'),
  logout: () => request('POST', '/api/auth/logout'),
  forgotPassword: (email) =>
    request('POST', '/api/auth/forgot-password', { body: { email }, authenticated: false }),
  resetPassword: (form) => request('POST', '/api/auth/reset-password', { body: form, authenticated: false }),
  config: () => request('GET', '/api/config'),
  me: () => request('GET', '/api/me'),
  searchUsers: (query) => request('GET', `/api/users?query=${encodeURIComponent(query)}`),
  transactions: ({ perPage, cursor }) =>
    request('GET', `/api/transactions?per_page=${perPage}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  transfer: (id) => request('GET', `/api/transfers/${encodeURIComponent(id)}`),
  quote: (receiverId, amount) =>
    request('POST', '/api/transfers/quote', { body: { receiver_id: receiverId, amount } }),
  send: (receiverId, amount, idempotencyKey) =>
    request('POST', '/api/transfers', {
      body: { receiver_id: receiverId, amount },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  topUp: (amount, idempotencyKey) =>
    request('POST', '/api/wallet/top-ups', { body: { amount }, headers: { 'Idempotency-Key': idempotencyKey } }),
};

/** A fresh Idempotency-Key; randomUUID needs a secure context, so plain-http hosts get the same from random bytes. */
export function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
