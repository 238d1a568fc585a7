// Sign in, register, verify email, forgot and reset password.
import { reactive, ref, onMounted } from 'vue';
import { api } from '../api.js';
import { go, route } from '../router.js';
import { session, startSession, updateUser, endSession, isSignedIn } from '../session.js';
import { TextField, AccountFrame } from './shared.js';

/** Runs a submission: busy flag, field errors beside their fields, anything else as one message. */
function useSubmission() {
  const busy = ref(false);
  const errors = ref({});
  const message = ref(null);
  async function run(action) {
    if (busy.value) return;
    busy.value = true;
    errors.value = {};
    message.value = null;
    try {
      await action();
    } catch (failure) {
      errors.value = failure.fieldErrors ?? {};
      message.value = Object.keys(errors.value).length ? null : failure.message;
    } finally {
      busy.value = false;
    }
  }
  return { busy, errors, message, run };
}

export const SignInView = {
  components: { TextField, AccountFrame },
  setup() {
    const form = reactive({ email: '', password: '' });
    const notice = ref(session.notice);
    session.notice = null;
    const { busy, errors, message, run } = useSubmission();
    const submit = () =>
      run(async () => {
        startSession(await api.login(form.email.trim(), form.password));
        go('/wallet');
      });
    return { form, notice, busy, errors, message, submit };
  },
  template: `
    <account-frame heading="Sign in">
      <p v-if="notice" class="notice" role="status">{{ notice }}</p>
      <form @submit.prevent="submit" novalidate>
        <text-field id="sign-in-email" label="Email" type="email" autocomplete="email" v-model="form.email" :error="errors.email"/>
        <text-field id="sign-in-password" label="Password" type="password" autocomplete="current-password" v-model="form.password" :error="errors.password"/>
        <p v-if="message" class="form-error" role="alert">{{ message }}</p>
        <button type="submit" class="primary" :disabled="busy">{{ busy ? 'Signing in…' : 'Sign in' }}</button>
      </form>
      <p class="account-links">
        <a href="#/forgot-password">Forgot your password?</a>
        <span>New here? <a href="#/register">Create a wallet</a></span>
      </p>
    </account-frame>`,
};

export const RegisterView = {
  components: { TextField, AccountFrame },
  setup() {
    const form = reactive({ name: '', email: '', password: '', password_confirmation: '' });
    const { busy, errors, message, run } = useSubmission();
    const submit = () =>
      run(async () => {
        startSession(await api.register({ ...form, name: form.name.trim(), email: form.email.trim() }));
        go('/wallet');
      });
    return { form, busy, errors, message, submit };
  },
  template: `
    <account-frame heading="Create your wallet">
      <form @submit.prevent="submit" novalidate>
        <text-field id="register-name" label="Your name" autocomplete="name" v-model="form.name" :error="errors.name"
                    hint="People find you by your name or email to send you money."/>
        <text-field id="register-email" label="Email" type="email" autocomplete="email" v-model="form.email" :error="errors.email"/>
        <text-field id="register-password" label="Password" type="password" autocomplete="new-password" v-model="form.password"
                    :error="errors.password" hint="At least 8 characters."/>
        <text-field id="register-password-confirmation" label="Password again" type="password" autocomplete="new-password"
                    v-model="form.password_confirmation" :error="errors.password_confirmation"/>
        <p v-if="message" class="form-error" role="alert">{{ message }}</p>
        <button type="submit" class="primary" :disabled="busy">{{ busy ? 'Creating your wallet…' : 'Create wallet' }}</button>
      </form>
      <p class="account-links"><span>Already have a wallet? <a href="#/sign-in">Sign in</a></span></p>
    </account-frame>`,
};

export const VerifyEmailView = {
  components: { AccountFrame },
  setup() {
    const state = ref('verifying');
    const message = ref(null);
    const resent = ref(false);
    const signedIn = isSignedIn();
    onMounted(async () => {
      try {
        await api.verifyEmail(route.token);
        state.value = 'verified';
        if (isSignedIn()) updateUser({ email_verified: true });
      } catch (failure) {
        state.value = 'failed';
        message.value = failure.fieldErrors?.token ?? failure.message;
      }
    });
    async function resend() {
      try {
        await api.resendVerification();
        resent.value = true;
      } catch (failure) {
        message.value = failure.message;
      }
    }
    return { state, message, resent, signedIn, resend };
  },
  template: `
    <account-frame heading="Verify your email">
      <p v-if="state === 'verifying'" role="status">Checking your link…</p>
      <template v-else-if="state === 'verified'">
        <p class="success" role="status">Your email address is verified. You can now send money and top up.</p>
        <a class="button primary" :href="signedIn ? '#/wallet' : '#/sign-in'">{{ signedIn ? 'Go to your wallet' : 'Sign in' }}</a>
      </template>
      <template v-else>
        <p class="form-error" role="alert">{{ message }}</p>
        <p v-if="resent" class="success" role="status">We sent you a new link. Check your inbox.</p>
        <button v-else-if="signedIn" type="button" class="primary" @click="resend">Send me a new link</button>
        <p v-else><a href="#/sign-in">Sign in</a> to ask for a new link.</p>
      </template>
    </account-frame>`,
};

export const ForgotPasswordView = {
  components: { TextField, AccountFrame },
  setup() {
    const form = reactive({ email: '' });
    const sentTo = ref(null);
    const { busy, errors, message, run } = useSubmission();
    const submit = () =>
      run(async () => {
        await api.forgotPassword(form.email.trim());
        sentTo.value = form.email.trim();
      });
    return { form, sentTo, busy, errors, message, submit };
  },
  template: `
    <account-frame heading="Forgot your password?">
      <p v-if="sentTo" class="success" role="status">
        If there is a Mini Wallet account for {{ sentTo }}, we have emailed it a link to choose a new password.
        The link works for one hour.
      </p>
      <form v-else @submit.prevent="submit" novalidate>
        <p>Tell us your email and we will send you a link to choose a new password.</p>
        <text-field id="forgot-email" label="Email" type="email" autocomplete="email" v-model="form.email" :error="errors.email"/>
        <p v-if="message" class="form-error" role="alert">{{ message }}</p>
        <button type="submit" class="primary" :disabled="busy">{{ busy ? 'Sending…' : 'Send me a link' }}</button>
      </form>
      <p class="account-links"><a href="#/sign-in">Back to sign in</a></p>
    </account-frame>`,
};

export const ResetPasswordView = {
  components: { TextField, AccountFrame },
  setup() {
    const form = reactive({ password: '', password_confirmation: '' });
    const { busy, errors, message, run } = useSubmission();
    const submit = () =>
      run(async () => {
        await api.resetPassword({ token: route.token, ...form });
        // the reset revoked every token of this person, including one this browser may hold
        endSession('Your password is changed. Sign in with your new password.');
      });
    return { form, busy, errors, message, submit };
  },
  template: `
    <account-frame heading="Choose a new password">
      <form @submit.prevent="submit" novalidate>
        <text-field id="reset-password" label="New password" type="password" autocomplete="new-password" v-model="form.password"
                    :error="errors.password" hint="At least 8 characters."/>
        <text-field id="reset-password-confirmation" label="New password again" type="password" autocomplete="new-password"
                    v-model="form.password_confirmation" :error="errors.password_confirmation"/>
        <p v-if="errors.token" class="form-error" role="alert">{{ errors.token }} <a href="#/forgot-password">Ask for a new link</a>.</p>
        <p v-if="message" class="form-error" role="alert">{{ message }}</p>
        <button type="submit" class="primary" :disabled="busy">{{ busy ? 'Saving…' : 'Save new password' }}</button>
      </form>
    </account-frame>`,
};
