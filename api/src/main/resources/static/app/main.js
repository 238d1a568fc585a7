// Mini Wallet in the browser: Vue 3 as plain ES modules, no build step.
import { createApp, computed, watch, nextTick } from 'vue';
import { route, go } from './router.js';
import { isSignedIn } from './session.js';
import { SignInView, RegisterView, VerifyEmailView, ForgotPasswordView, ResetPasswordView } from './views/account.js';
import { WalletView } from './views/wallet.js';

const VIEWS = {
  'sign-in': SignInView,
  register: RegisterView,
  'verify-email': VerifyEmailView,
  'forgot-password': ForgotPasswordView,
  'reset-password': ResetPasswordView,
  wallet: WalletView,
};
// pages for people who are not signed in: a signed-in person goes to the wallet instead
const SIGNED_OUT_ONLY = new Set(['sign-in', 'register', 'forgot-password']);

const App = {
  setup() {
    const view = computed(() => {
      const signedIn = isSignedIn();
      if (route.name === null) return null;
      if (route.name === 'wallet' && !signedIn) return null;
      if (SIGNED_OUT_ONLY.has(route.name) && signedIn) return null;
      return VIEWS[route.name];
    });
    // routes that do not fit (none, or the wrong side of signing in) are sent on
    watch(
      view,
      (current) => {
        if (current === null) go(isSignedIn() ? '/wallet' : '/sign-in');
      },
      { immediate: true },
    );
    watch(
      () => route.name,
      (name, previous) => {
        document.title = route.title ? `${route.title} · Mini Wallet` : 'Mini Wallet';
        // tell screen readers the page changed: focus the new heading, as a page load would
        if (previous !== undefined) nextTick(() => document.getElementById('page-heading')?.focus());
      },
      { immediate: true },
    );
    return { view, route };
  },
  template: `<component v-if="view" :is="view" :key="route.name + (route.token ?? '')"/>`,
};

createApp(App).mount('#app');
