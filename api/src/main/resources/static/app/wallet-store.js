// The wallet as the page knows it: balance, history (newest first) and the transfers still pending.
// Three sources feed it: the API's history pages, the live feed's events, and the answers to this
// page's own submissions. Entries are merged by transfer id; a status is never replaced by an
// earlier one (AWAITING_PAYMENT, then PENDING, then COMPLETED or REJECTED), whichever answer
// arrives last.
import { reactive } from 'vue';
import { api } from './api.js';
import { instantKey } from './format.js';

const PAGE_SIZE = 20;
// how far along a transfer is: a top-up awaits its payment, then is pending like any transfer
const STAGE = { AWAITING_PAYMENT: 0, PENDING: 1, COMPLETED: 2, REJECTED: 2 };

function newestFirst(left, right) {
  const byTime = instantKey(right.created_at).localeCompare(instantKey(left.created_at));
  return byTime !== 0 ? byTime : right.id.localeCompare(left.id);
}

export function createWalletStore() {
  const state = reactive({
    me: null,
    balance: null,
    entries: [],
    nextCursor: null,
    loaded: false,
    loadingMore: false,
    error: null,
  });
  // bumped by each feed event: a history answer that left before the event must not show an older balance
  let balanceVersion = 0;

  function upsert(incoming) {
    const index = state.entries.findIndex((entry) => entry.id === incoming.id);
    if (index === -1) {
      state.entries.push(incoming);
      state.entries.sort(newestFirst);
      return;
    }
    const existing = state.entries[index];
    if (incoming.status && STAGE[incoming.status] < STAGE[existing.status]) return;
    state.entries[index] = {
      ...existing,
      ...Object.fromEntries(Object.entries(incoming).filter(([, value]) => value !== null && value !== undefined)),
    };
    state.entries.sort(newestFirst);
  }

  async function refresh() {
    const versionBefore = balanceVersion;
    try {
      const [me, page] = await Promise.all([api.me(), api.transactions({ perPage: PAGE_SIZE })]);
      state.me = me;
      if (balanceVersion === versionBefore) state.balance = page.balance;
      page.transactions.forEach(upsert);
      if (!state.loaded) {
        // later refreshes only add at the top; the cursor still marks where the older pages begin
        state.nextCursor = page.next_cursor;
        state.loaded = true;
      }
      state.error = null;
    } catch (failure) {
      state.error = failure.message;
    }
  }

  async function loadMore() {
    if (!state.nextCursor || state.loadingMore) return;
    state.loadingMore = true;
    try {
      const page = await api.transactions({ perPage: PAGE_SIZE, cursor: state.nextCursor });
      page.transactions.forEach(upsert);
      state.nextCursor = page.next_cursor;
      state.error = null;
    } catch (failure) {
      state.error = failure.message;
    } finally {
      state.loadingMore = false;
    }
  }

  // The feed may number a received and a sent transfer decided in the same instant in the other
  // order than the ledger applied them, so the last event's balance can be the older one. The
  // account row is the truth: each burst of events ends with one read of it.
  let settleTimer = null;
  function settleBalance() {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(async () => {
      const versionBefore = balanceVersion;
      try {
        const me = await api.me();
        if (balanceVersion === versionBefore) state.balance = me.balance;
      } catch (failure) {
        state.error = failure.message;
      }
    }, 300);
  }

  function applyEvent(event) {
    if (event.balance !== null && event.balance !== undefined) {
      // a rejected transfer moved no money and may carry no balance: keep the one shown
      balanceVersion += 1;
      state.balance = event.balance;
      settleBalance();
    }
    const known = state.entries.some((entry) => entry.id === event.transfer_id);
    upsert({
      id: event.transfer_id,
      direction: event.direction,
      status: event.status,
      reason: event.reason ?? null,
      amount: event.amount,
      fee: event.fee,
      counterparty: event.counterparty,
      created_at: known ? null : event.occurred_at,
      completed_at: event.status === 'PENDING' ? null : event.occurred_at,
    });
    if (event.status === 'REJECTED' && !event.reason) fetchReason(event.transfer_id);
  }

  async function fetchReason(id) {
    try {
      const transfer = await api.transfer(id);
      upsert({ id, status: transfer.status, reason: transfer.reason });
    } catch (failure) {
      state.error = failure.message;
    }
  }

  /**
   * A submission the API accepted (202): shown at once, as pending, or a top-up as awaiting its
   * payment, with the payment provider's checkout page.
   */
  function addPending(accepted, direction, counterparty) {
    upsert({
      id: accepted.id,
      direction,
      status: accepted.status === 'AWAITING_PAYMENT' ? 'AWAITING_PAYMENT' : 'PENDING',
      checkout_url: accepted.checkout_url ?? null,
      reason: null,
      amount: accepted.amount,
      fee: accepted.fee,
      counterparty,
      created_at: accepted.created_at,
      completed_at: null,
    });
  }

  return { state, refresh, loadMore, applyEvent, addPending };
}
