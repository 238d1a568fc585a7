// The history, newest first. Older pages load when the end of the list scrolls into view (and from a
// button, for keyboards and screen readers). Sent, received and top-ups are told apart by words and
// signs, not by colour alone; pending, awaiting payment and rejected ones say so.
import { onMounted, onUnmounted, ref, watch, nextTick } from 'vue';
import { money, when, reasonInWords } from '../format.js';

const TITLES = {
  SENT: (entry) => `To ${entry.counterparty?.name ?? 'someone'}`,
  RECEIVED: (entry) => `From ${entry.counterparty?.name ?? 'someone'}`,
  TOP_UP: () => 'Top-up',
};

export const HistoryList = {
  props: { store: { type: Object, required: true } },
  setup(props) {
    const end = ref(null);
    let observer = null;

    function endIsVisible() {
      const box = end.value?.getBoundingClientRect();
      return Boolean(box) && box.top < window.innerHeight + 200;
    }

    async function loadMoreWhileVisible() {
      const state = props.store.state;
      while (state.nextCursor && !state.loadingMore && endIsVisible()) {
        const before = state.entries.length;
        await props.store.loadMore();
        await nextTick();
        if (state.entries.length === before) break; // nothing new (or an error): wait for the next scroll
      }
    }

    onMounted(() => {
      observer = new IntersectionObserver((seen) => seen.some((e) => e.isIntersecting) && loadMoreWhileVisible(), {
        rootMargin: '0px 0px 200px 0px',
      });
      observer.observe(end.value);
    });
    onUnmounted(() => observer?.disconnect());
    // the first page may not fill the screen: keep going until it does
    watch(() => props.store.state.loaded, (loaded) => loaded && nextTick(loadMoreWhileVisible));

    const title = (entry) => (TITLES[entry.direction] ?? (() => 'Transfer'))(entry);
    const sign = (entry) => (entry.direction === 'SENT' ? '−' : '+');
    const directionWord = (entry) => ({ SENT: 'sent', RECEIVED: 'received', TOP_UP: 'added' })[entry.direction] ?? '';
    return { end, title, sign, directionWord, money, when, reasonInWords, state: props.store.state, loadMore: props.store.loadMore };
  },
  template: `
    <section class="card history-card" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <p v-if="!state.loaded" role="status">Loading your history…</p>
      <p v-else-if="!state.entries.length" class="muted">Nothing here yet. Top up or send money and it shows here.</p>
      <ol class="history" aria-labelledby="history-heading">
        <li v-for="entry in state.entries" :key="entry.id" class="entry"
            :class="['entry-' + entry.direction.toLowerCase(), 'entry-' + entry.status.toLowerCase()]"
            :data-transfer-id="entry.id" :data-direction="entry.direction" :data-status="entry.status">
          <div class="entry-text">
            <p class="entry-title">{{ title(entry) }}</p>
            <p class="entry-meta">
              <span>{{ when(entry.created_at) }}</span>
              <span v-if="entry.direction === 'SENT' && entry.fee && entry.fee !== '0.00'"> · fee {{ money(entry.fee) }}</span>
            </p>
            <p v-if="entry.status === 'PENDING'" class="badge badge-pending">Pending</p>
            <template v-else-if="entry.status === 'AWAITING_PAYMENT'">
              <p class="badge badge-pending">Awaiting payment</p>
              <p v-if="entry.checkout_url" class="entry-reason"><a :href="entry.checkout_url" target="_blank" rel="noopener noreferrer" data-checkout>Pay at the payment provider</a></p>
            </template>
            <template v-else-if="entry.status === 'REJECTED'">
              <p class="badge badge-rejected">Rejected</p>
              <p class="entry-reason" data-reason>{{ reasonInWords(entry.reason) }}</p>
            </template>
          </div>
          <p class="entry-amount">
            <span class="visually-hidden">{{ directionWord(entry) }} </span>
            <span class="amount-shown"><span aria-hidden="true">{{ sign(entry) }}</span>{{ money(entry.amount) }}</span>
          </p>
        </li>
      </ol>
      <div ref="end" class="history-end">
        <button v-if="state.nextCursor" type="button" @click="loadMore" :disabled="state.loadingMore">
          {{ state.loadingMore ? 'Loading…' : 'Show older' }}
        </button>
        <p v-else-if="state.loaded && state.entries.length" class="muted">That is everything.</p>
      </div>
      <p v-if="state.error" class="form-error" role="alert">{{ state.error }}</p>
    </section>`,
};
