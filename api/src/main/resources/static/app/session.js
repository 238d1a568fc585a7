// Who is signed in. The token is kept in localStorage so a link opened from an email in a new tab
// (verify email) finds the same session; it is dropped as soon as the API says it is no longer valid.
import { reactive } from 'vue';
import { api, configureApi } from './api.js';
import { go } from './router.js';

const STORAGE_KEY = 'miniwallet.session';

export const session = reactive({
  token: null,
  user: null,
  expiresAt: 0,
  /** a message for the next view, such as "You are signed out." */
  notice: null,
});

function restore() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (saved && saved.expiresAt > Date.now()) Object.assign(session, saved);
  } catch (unreadable) {
    localStorage.removeItem(STORAGE_KEY);
  }
}

function save() {
  const { token, user, expiresAt } = session;
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ token, user, expiresAt }));
}

/** Starts a session from a login or registration answer. */
export function startSession(answer) {
  session.token = answer.access_token;
  session.user = answer.user;
  session.expiresAt = Date.now() + answer.expires_in * 1000;
  session.notice = null;
  save();
}

export function updateUser(user) {
  session.user = { ...session.user, ...user };
  save();
}

/** Forgets the session here only, e.g. after a password reset revoked its token on the server. */
export function endSession(notice) {
  session.token = null;
  session.user = null;
  session.expiresAt = 0;
  session.notice = notice;
  localStorage.removeItem(STORAGE_KEY);
  go('/sign-in');
}

/** Signs out here and on the server, which revokes the token for the API and the live feed at once. */
export async function signOut() {
  try {
    await api.logout();
  } catch (failure) {
    // the token is forgotten here either way; if the server did not hear it, it still expires on its own
    console.warn('sign-out was not confirmed by the server', failure);
  }
  endSession('You are signed out.');
}

export function isSignedIn() {
  return Boolean(session.token) && session.expiresAt > Date.now();
}

restore();
configureApi({
  token: () => session.token,
  unauthorized: () => endSession('Your session has ended. Please sign in again.'),
});
window.addEventListener('storage', (event) => {
  // signed out in another tab: follow it here
  if (event.key === STORAGE_KEY && event.newValue === null && session.token) endSession('You are signed out.');
});
