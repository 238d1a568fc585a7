// Hash routes, so the email links ({base}/#/verify-email/{token}, {base}/#/reset-password/{token})
// need nothing from the server but index.html.
import { reactive } from 'vue';

const ROUTES = [
  { name: 'sign-in', pattern: /^\/sign-in$/, title: 'Sign in' },
  { name: 'register', pattern: /^\/register$/, title: 'Create your wallet' },
  { name: 'forgot-password', pattern: /^\/forgot-password$/, title: 'Forgot your password' },
  { name: 'reset-password', pattern: /^\/reset-password\/([^/]+)$/, title: 'Choose a new password' },
  { name: 'verify-email', pattern: /^\/verify-email\/([^/]+)$/, title: 'Verify your email' },
  { name: 'wallet', pattern: /^\/wallet$/, title: 'Your wallet' },
];

export const route = reactive({ name: null, token: null, title: '' });

export function go(path) {
  if (location.hash === `#${path}`) {
    resolve();
  } else {
    location.hash = `#${path}`;
  }
}

function resolve() {
  const path = location.hash.replace(/^#/, '');
  const match = ROUTES.map((candidate) => ({ candidate, found: candidate.pattern.exec(path) })).find((m) => m.found);
  if (!match) {
    route.name = null; // the app picks the wallet or sign-in, whichever fits
    route.token = null;
    route.title = '';
    return;
  }
  route.name = match.candidate.name;
  route.token = match.found[1] ? decodeURIComponent(match.found[1]) : null;
  route.title = match.candidate.title;
}

window.addEventListener('hashchange', resolve);
resolve();
