// Send money: pick the receiver by typing part of a name or a whole email address, type the amount, and see the fee,
// the total or what is wrong while typing. The checks are the API's own (POST /api/transfers/quote,
// the same validation a submission gets), so the page never copies the rules.
import { computed, reactive, ref, watch, nextTick } from 'vue';
import { api, newIdempotencyKey } from '../api.js';
import { money, reasonInWords } from '../format.js';

const SEARCH_DELAY_MS = 250;
const CHECK_DELAY_MS = 300;

/** Calls `action` once typing has paused; answers to older calls than the latest are ignored. */
function debounced(delay, action) {
  let timer = null;
  let latest = 0;
  return (...args) => {
    clearTimeout(timer);
    const call = ++latest;
    timer = setTimeout(() => action(() => call === latest, ...args), delay);
  };
}

export const SendForm = {
  props: { store: { type: Object, required: true }, verified: { type: Boolean, default: true } },
  setup(props) {
    const form = reactive({ query: '', receiver: null, amount: '' });
    const search = reactive({ results: [], open: false, active: -1, searching: false, said: '' });
    const check = reactive({ quote: null, errors: {}, checking: false });
    // the last transfer sent from this form, followed until it is completed or rejected
    const submission = reactive({ busy: false, message: null, sent: null });
    const receiverInput = ref(null);
    const amountInput = ref(null);
    // one key per draft: resubmitting the same receiver and amount (a double click, a retry after a
    // network failure) cannot pay twice; changing either starts a new transfer
    let idempotencyKey = newIdempotencyKey();
    watch(() => [form.receiver?.id, form.amount], () => (idempotencyKey = newIdempotencyKey()));

    // the search shows addresses masked (j•••@example.com) unless the whole address is typed; the transfer goes to
    // the chosen person's id, so a masked address is all the form needs. Only verified people may search.
    const runSearch = debounced(SEARCH_DELAY_MS, async (isLatest, query) => {
      if (query.length < 2 || !props.verified) {
        Object.assign(search, { results: [], open: false, active: -1, searching: false, said: '' });
        return;
      }
      search.searching = true;
      try {
        const results = await api.searchUsers(query);
        if (!isLatest()) return;
        Object.assign(search, { results, open: true, active: results.length ? 0 : -1 });
        search.said = results.length
          ? `${results.length} ${results.length === 1 ? 'person' : 'people'} found. Use the up and down keys, then Enter to choose.`
          : `No one found for “${query}”.`;
      } catch (failure) {
        if (isLatest()) Object.assign(search, { results: [], open: false, said: failure.message });
      } finally {
        if (isLatest()) search.searching = false;
      }
    });

    const runCheck = debounced(CHECK_DELAY_MS, async (isLatest) => {
      const amount = form.amount.trim();
      if (!amount) {
        Object.assign(check, { quote: null, errors: {}, checking: false });
        return;
      }
      check.checking = true;
      try {
        const quote = await api.quote(form.receiver?.id ?? null, amount);
        if (isLatest()) Object.assign(check, { quote, errors: {} });
      } catch (failure) {
        if (!isLatest()) return;
        const errors = { ...(failure.fieldErrors ?? {}) };
        // no receiver chosen yet is not a mistake while typing; the submit button says so if it stays that way
        if (!form.receiver) delete errors.receiver_id;
        if (!Object.keys(failure.fieldErrors ?? {}).length && failure.status !== 404) errors.form = failure.message;
        Object.assign(check, { quote: null, errors });
      } finally {
        if (isLatest()) check.checking = false;
      }
    });

    function onQueryInput(event) {
      form.query = event.target.value;
      form.receiver = null;
      submission.sent = null;
      runSearch(form.query.trim());
      runCheck();
    }

    function onAmountInput(event) {
      form.amount = event.target.value;
      submission.sent = null;
      runCheck();
    }

    function choose(person) {
      form.receiver = person;
      form.query = person.name;
      Object.assign(search, { results: [], open: false, active: -1, said: `${person.name} chosen.` });
      delete check.errors.receiver_id;
      runCheck();
      nextTick(() => amountInput.value?.focus());
    }

    function onQueryKey(event) {
      if (!search.open || !search.results.length) {
        if (event.key === 'ArrowDown' && search.results.length) search.open = true;
        return;
      }
      const count = search.results.length;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        search.active = (search.active + 1) % count;
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        search.active = (search.active - 1 + count) % count;
      } else if (event.key === 'Enter') {
        event.preventDefault();
        if (search.active >= 0) choose(search.results[search.active]);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        search.open = false;
      }
    }

    async function submit() {
      if (submission.busy) return;
      submission.message = null;
      if (!form.receiver) {
        check.errors = {
          ...check.errors,
          receiver_id: 'Choose who gets the money: type part of their name or their whole email address, then pick them from the list.',
        };
        receiverInput.value?.focus();
        return;
      }
      submission.busy = true;
      const receiver = form.receiver;
      try {
        const accepted = await api.send(receiver.id, form.amount.trim(), idempotencyKey);
        props.store.addPending(accepted, 'SENT', { id: receiver.id, name: receiver.name });
        submission.sent = { id: accepted.id, amount: accepted.amount, to: receiver.name };
        Object.assign(form, { query: '', receiver: null, amount: '' });
        Object.assign(check, { quote: null, errors: {} });
      } catch (failure) {
        if (Object.keys(failure.fieldErrors ?? {}).length) {
          check.errors = failure.fieldErrors;
        } else {
          submission.message = failure.message;
        }
      } finally {
        submission.busy = false;
      }
    }

    const outcome = computed(() => {
      const sent = submission.sent;
      if (!sent) return null;
      const entry = props.store.state.entries.find((candidate) => candidate.id === sent.id);
      const what = `${money(sent.amount)} to ${sent.to}`;
      if (entry?.status === 'COMPLETED') return { ok: true, text: `Sent ${what}.` };
      if (entry?.status === 'REJECTED') return { ok: false, text: `${what} was not sent. ${reasonInWords(entry.reason)}` };
      return { ok: true, text: `Sending ${what}…` };
    });
    const activeId = computed(() => (search.open && search.active >= 0 ? `receiver-option-${search.active}` : null));
    const amountError = computed(() => check.errors.amount ?? null);
    const receiverError = computed(() => check.errors.receiver_id ?? null);
    return {
      form, search, check, submission, outcome, receiverInput, amountInput, activeId, amountError, receiverError, money,
      onQueryInput, onAmountInput, onQueryKey, choose, submit,
      closeSoon: () => setTimeout(() => (search.open = false), 150),
    };
  },
  template: `
    <section class="card send-card" aria-labelledby="send-heading">
      <h2 id="send-heading">Send money</h2>
      <p v-if="!verified" class="hint">Verify your email to send money.</p>
      <form @submit.prevent="submit" novalidate>
        <div class="field combobox" :class="{ 'has-error': receiverError }">
          <label for="send-receiver">To</label>
          <p id="send-receiver-hint" class="hint">Type part of a name, or a whole email address.</p>
          <input id="send-receiver" ref="receiverInput" type="text" role="combobox" autocomplete="off" spellcheck="false"
                 aria-autocomplete="list" aria-controls="receiver-options" :aria-expanded="search.open ? 'true' : 'false'"
                 :aria-activedescendant="activeId" :aria-invalid="receiverError ? 'true' : null"
                 :aria-describedby="receiverError ? 'send-receiver-hint send-receiver-error' : 'send-receiver-hint'"
                 :value="form.query" @input="onQueryInput" @keydown="onQueryKey" @blur="closeSoon">
          <ul id="receiver-options" role="listbox" aria-label="People" class="options" v-show="search.open && search.results.length">
            <li v-for="(person, index) in search.results" :key="person.id" :id="'receiver-option-' + index" role="option"
                :aria-selected="index === search.active ? 'true' : 'false'" :class="{ active: index === search.active }"
                :data-user-id="person.id" @mousedown.prevent="choose(person)">
              <span class="option-name">{{ person.name }}</span>
              <span class="option-email">{{ person.email }}</span>
            </li>
          </ul>
          <p v-if="form.receiver" class="chosen" data-chosen-receiver>
            Sending to <strong>{{ form.receiver.name }}</strong> <span class="muted">{{ form.receiver.email }}</span>
          </p>
          <p v-if="receiverError" id="send-receiver-error" class="field-error">{{ receiverError }}</p>
          <p class="visually-hidden" role="status">{{ search.said }}</p>
        </div>
        <div class="field" :class="{ 'has-error': amountError }">
          <label for="send-amount">Amount</label>
          <input id="send-amount" ref="amountInput" type="text" inputmode="decimal" autocomplete="off" placeholder="0.00"
                 :value="form.amount" @input="onAmountInput" :aria-invalid="amountError ? 'true' : null"
                 aria-describedby="send-check">
          <div id="send-check" class="check" aria-live="polite" data-send-check>
            <p v-if="amountError" class="field-error">{{ amountError }}</p>
            <p v-else-if="check.errors.form" class="field-error">{{ check.errors.form }}</p>
            <p v-else-if="check.quote" class="quote">fee {{ money(check.quote.fee) }} · total {{ money(check.quote.total) }}</p>
          </div>
        </div>
        <p v-if="submission.message" class="form-error" role="alert">{{ submission.message }}</p>
        <button type="submit" class="primary" :disabled="submission.busy">{{ submission.busy ? 'Sending…' : 'Send' }}</button>
        <p v-if="outcome" :class="outcome.ok ? 'success' : 'form-error'" role="status" data-send-outcome>{{ outcome.text }}</p>
      </form>
    </section>`,
};
