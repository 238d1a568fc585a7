// Small pieces every view uses.

/** A labelled input whose error (the API's words) is tied to it for screen readers. */
export const TextField = {
  props: {
    id: { type: String, required: true },
    label: { type: String, required: true },
    modelValue: { type: String, default: '' },
    error: { type: String, default: null },
    hint: { type: String, default: null },
    type: { type: String, default: 'text' },
    autocomplete: { type: String, default: 'off' },
    inputmode: { type: String, default: null },
  },
  emits: ['update:modelValue'],
  computed: {
    describedBy() {
      const ids = [this.hint && `${this.id}-hint`, this.error && `${this.id}-error`].filter(Boolean);
      return ids.length ? ids.join(' ') : null;
    },
  },
  template: `
    <div class="field" :class="{ 'has-error': error }">
      <label :for="id">{{ label }}</label>
      <p v-if="hint" :id="id + '-hint'" class="hint">{{ hint }}</p>
      <input :id="id" :name="id" :type="type" :autocomplete="autocomplete" :inputmode="inputmode"
             :value="modelValue" @input="$emit('update:modelValue', $event.target.value)"
             :aria-invalid="error ? 'true' : null" :aria-describedby="describedBy">
      <p v-if="error" :id="id + '-error'" class="field-error">{{ error }}</p>
    </div>`,
};

const LIVE_LABELS = {
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** Says in words (not only in colour) whether updates arrive by themselves right now. */
export const LiveIndicator = {
  props: { status: { type: String, required: true }, lastSeq: { type: Number, default: null } },
  computed: {
    label() {
      return LIVE_LABELS[this.status] ?? this.status;
    },
    explanation() {
      return this.status === 'live'
        ? 'Money in and out shows here the moment it happens.'
        : 'The live connection is not up: the page checks for news every few seconds until it is back.';
    },
  },
  template: `
    <span class="live-indicator" :class="'live-' + status" role="status" :title="explanation" data-live-indicator
          :data-last-seq="lastSeq">
      <span class="dot" aria-hidden="true"></span><span class="live-label">{{ label }}</span>
    </span>`,
};

/** The frame of the sign-in and account pages. */
export const AccountFrame = {
  props: { heading: { type: String, required: true } },
  template: `
    <main id="main" class="account-page">
      <p class="brand brand-large" aria-hidden="true"><span class="logo"></span>Mini Wallet</p>
      <section class="card account-card" aria-labelledby="page-heading">
        <h1 id="page-heading" tabindex="-1">{{ heading }}</h1>
        <slot></slot>
      </section>
    </main>`,
};
