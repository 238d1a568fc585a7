// The wallet: balance, send, top up, history, and the live feed that keeps them current.
import { computed, onMounted, onUnmounted, ref, shallowRef } from 'vue';
import { api } from '../api.js';
import { LiveFeed, defaultFeedUrl } from '../feed.js';
import { money } from '../format.js';
import { session, signOut, updateUser } from '../session.js';
import { createWalletStore } from '../wallet-store.js';
import { HistoryList } from './history.js';
import { LiveIndicator } from './shared.js';
import { SendForm } from './send-form.js';
import { TopUpForm } from './top-up.js';

// while the feed is down, the page asks the API instead, this often
const CATCH_UP_INTERVAL_MS = 3000;

async function feedUrl() {
  try {
    return (await api.config()).feed_url ?? defaultFeedUrl();
  } catch (failure) {
    console.warn('no feed address from /api/config, using the default', failure);
    return defaultFeedUrl();
  }
}

export const WalletView = {
  components: { HistoryList, LiveIndicator, SendForm, TopUpForm },
  setup() {
    const store = createWalletStore();
    const feedState = shallowRef({ status: 'connecting' });
    const resend = ref({ busy: false, said: null });
    let feed = null;
    let catchUp = null;
    let gone = false;

    onMounted(async () => {
      await store.refresh();
      if (store.state.me) updateUser({ email_verified: store.state.me.email_verified, name: store.state.me.name });
      const url = await feedUrl();
      if (gone) return;
      feed = new LiveFeed({ url, token: () => session.token, onEvent: store.applyEvent, onConnected: store.refresh });
      feedState.value = feed.state;
      feed.start();
      catchUp = setInterval(() => feed.state.status !== 'live' && store.refresh(), CATCH_UP_INTERVAL_MS);
    });
    onUnmounted(() => {
      gone = true;
      clearInterval(catchUp);
      feed?.stop();
    });

    async function resendLink() {
      resend.value = { busy: true, said: null };
      try {
        await api.resendVerification();
        resend.value = { busy: false, said: 'We sent you a new link. Check your inbox.' };
      } catch (failure) {
        resend.value = { busy: false, said: failure.message };
      }
    }

    const me = computed(() => store.state.me ?? session.user ?? {});
    const unverified = computed(() => me.value.email_verified === false);
    return { store, state: store.state, feedState, me, unverified, resend, resendLink, money, signOut };
  },
  template: `
    <div class="wallet-page">
      <header class="top-bar">
        <p class="brand"><span class="logo" aria-hidden="true"></span>Mini Wallet</p>
        <live-indicator :status="feedState.status" :last-seq="feedState.lastSeq ?? null"/>
        <p class="who" data-signed-in-as>{{ me.name }}</p>
        <button type="button" class="quiet" @click="signOut">Sign out</button>
      </header>
      <main id="main" class="wallet">
        <h1 id="page-heading" class="visually-hidden" tabindex="-1">Your wallet</h1>
        <section v-if="unverified" class="banner" aria-labelledby="verify-heading" data-unverified>
          <h2 id="verify-heading">Please verify your email</h2>
          <p>We emailed a link to <strong>{{ me.email }}</strong>. Open it to send money and top up; until then you can look around.</p>
          <button type="button" class="quiet" @click="resendLink" :disabled="resend.busy">Send the link again</button>
          <p v-if="resend.said" role="status">{{ resend.said }}</p>
        </section>
        <div class="columns">
          <div class="column">
            <section class="card balance-card" aria-labelledby="balance-heading">
              <h2 id="balance-heading">Balance</h2>
              <p class="balance" data-balance aria-live="polite">{{ state.balance === null ? '…' : money(state.balance) }}</p>
              <p v-if="state.me" class="muted">{{ state.me.email }}</p>
            </section>
            <send-form :store="store" :verified="!unverified"/>
            <top-up-form :store="store"/>
          </div>
          <div class="column">
            <history-list :store="store"/>
          </div>
        </div>
      </main>
    </div>`,
};
