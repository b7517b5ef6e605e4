import { useEffect } from 'preact/hooks';
import { post } from '../api.js';
import { Form, FieldErrors, Submit, TextField, useForm } from '../components/form.js';
import { navigate } from '../router.js';
import { homeOf } from '../nav.js';
import { setSession, useSession, refreshUnread } from '../session.js';
import { VIEW_PATHS } from '../server.js';
import type { Me } from '../types.js';

export function SignIn() {
  const s = useSession();
  const f = useForm({ username: '', password: '' });
  useEffect(() => document.getElementById(`${f.idPrefix}-username`)?.focus(), []);
  return (
    <section class="card narrow" aria-labelledby="login-title" data-testid="login">
      <h1 id="login-title">Đăng nhập</h1>
      {s.reason ? <div class="msg alert" role="alert" data-testid="login-reason">{s.reason}</div> : null}
      <Form form={f} testid="login-form" onSubmit={async (v) => {
        const username = v.username.trim();
        const missing: Record<string, string> = {};
        if (!username) missing.username = 'Hãy nhập tên đăng nhập.';
        if (!v.password) missing.password = 'Hãy nhập mật khẩu.';
        if (Object.keys(missing).length) throw new FieldErrors(missing);
        try {
          const r = await post<{ user: Me }>('/auth/login', { username, password: v.password });
          f.set('password', '');
          setSession({ me: r.user, reason: '', loading: false });
          void refreshUnread();
          const back = new URLSearchParams(location.search).get('tiep');
          navigate(r.user.mustChangePassword ? VIEW_PATHS.password : back && back.startsWith('/') && !back.startsWith('//') ? back : homeOf(r.user), { replace: true });
        } catch (e) {
          f.set('password', '');
          throw e;
        }
      }}>
        <TextField form={f} name="username" label="Tên đăng nhập" testid="login-username"
          input={{ autoComplete: 'username', autoCapitalize: 'none', spellcheck: false, maxLength: 64 }} />
        <TextField form={f} name="password" label="Mật khẩu" type="password" testid="login-password"
          input={{ autoComplete: 'current-password', maxLength: 128 }} />
        <Submit form={f} testid="login-submit">Đăng nhập</Submit>
      </Form>
    </section>
  );
}
