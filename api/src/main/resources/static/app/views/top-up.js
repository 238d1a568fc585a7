// Add money to the wallet: a top-up goes through the same pipeline as a transfer and shows as pending first.
// Where the payment provider takes the money, it awaits its payment first: the form links to the
// provider's checkout page, and the live feed says when the top-up is completed or rejected.
import { computed, reactive, watch } from 'vue';
import { api, newIdempotencyKey } from '../api.js';
import { money, reasonInWords } from '../format.js';
import { TextField } from './shared.js';

export const TopUpForm = {
  components: { TextField },
  props: { store: { type: Object, required: true } },
  setup(props) {
    const form = reactive({ amount: '', busy: false, error: null, message: null, added: null });
    let idempotencyKey = newIdempotencyKey();
    watch(() => form.amount, () => (idempotencyKey = newIdempotencyKey()));

    async function submit() {
      if (form.busy) return;
      Object.assign(form, { busy: true, error: null, message: null, added: null });
      try {
        const accepted = await api.topUp(form.amount.trim(), idempotencyKey);
        props.store.addPending(accepted, 'TOP_UP', { id: accepted.sender_id, name: 'Top-up' });
        form.added = { id: accepted.id, amount: accepted.amount, checkoutUrl: accepted.checkout_url ?? null };
        form.amount = '';
      } catch (failure) {
        form.error = failure.fieldErrors?.amount ?? null;
        form.message = form.error ? null : failure.message;
      } finally {
        form.busy = false;
      }
    }
    const outcome = computed(() => {
      if (!form.added) return null;
      const entry = props.store.state.entries.find((candidate) => candidate.id === form.added.id);
      const amount = money(form.added.amount);
      if (entry?.status === 'COMPLETED') return { ok: true, text: `Added ${amount}.` };
      if (entry?.status === 'REJECTED') return { ok: false, text: `${amount} was not added. ${reasonInWords(entry.reason)}` };
      if (entry?.status === 'AWAITING_PAYMENT') return { ok: true, text: `Pay ${amount} to add it.`, checkoutUrl: form.added.checkoutUrl };
      return { ok: true, text: `Adding ${amount}…` };
    });
    return { form, outcome, submit };
  },
  template: `
    <section class="card top-up-card" aria-labelledby="top-up-heading">
      <h2 id="top-up-heading">Top up</h2>
      <form @submit.prevent="submit" novalidate class="inline-form">
        <text-field id="top-up-amount" label="Amount to add" inputmode="decimal" v-model="form.amount" :error="form.error"/>
        <button type="submit" :disabled="form.busy">{{ form.busy ? 'Adding…' : 'Add money' }}</button>
      </form>
      <p v-if="form.message" class="form-error" role="alert">{{ form.message }}</p>
      <p v-if="outcome" :class="outcome.ok ? 'success' : 'form-error'" role="status" data-top-up-outcome>
        {{ outcome.text }}
        <a v-if="outcome.checkoutUrl" :href="outcome.checkoutUrl" target="_blank" rel="noopener noreferrer" data-checkout>Pay at the payment provider</a>
      </p>
    </section>`,
};
