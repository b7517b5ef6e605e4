import { useEffect } from 'preact/hooks';
import { post } from '../api.js';
import { Form, FieldErrors, Submit, TextField, useForm } from '../components/form.js';
import { homeOf } from '../nav.js';
import { navigate } from '../router.js';
import { setSession, useSession } from '../session.js';

/** Changing one's password; forced after an account is made or reset, until it is done. */
export function Password() {
  const { me } = useSession();
  const f = useForm({ currentPassword: '', newPassword: '', repeat: '' });
  useEffect(() => document.getElementById(`${f.idPrefix}-currentPassword`)?.focus(), []);
  if (!me) return null;
  const forced = me.mustChangePassword;
  return (
    <section class="card narrow" aria-labelledby="pw-title" data-testid="password">
      <h1 id="pw-title">Đổi mật khẩu</h1>
      {forced ? <p data-testid="password-forced">Mật khẩu hiện tại do người khác đặt cho bạn (tài khoản mới cấp hoặc vừa được đặt lại). Hãy đổi mật khẩu trước khi tiếp tục.</p> : null}
      <Form form={f} testid="password-form" onSubmit={async (v) => {
        const missing: Record<string, string> = {};
        if (!v.currentPassword) missing.currentPassword = 'Hãy nhập mật khẩu hiện tại.';
        if (!v.newPassword) missing.newPassword = 'Hãy nhập mật khẩu mới.';
        else if (v.newPassword !== v.repeat) missing.repeat = 'Mật khẩu nhập lại không khớp với mật khẩu mới.';
        if (Object.keys(missing).length) throw new FieldErrors(missing);
        await post('/auth/change-password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
        f.reset({ currentPassword: '', newPassword: '', repeat: '' });
        const after = { ...me, mustChangePassword: false };
        setSession({ me: after });
        if (forced) navigate(homeOf(after), { replace: true });
        return 'Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản này đã kết thúc.';
      }}>
        <TextField form={f} name="currentPassword" label="Mật khẩu hiện tại" type="password" testid="password-current" input={{ autoComplete: 'current-password' }} />
        <TextField form={f} name="newPassword" label="Mật khẩu mới" type="password" testid="password-new" hint="Ít nhất 8 ký tự, không chứa tên đăng nhập." input={{ autoComplete: 'new-password' }} />
        <TextField form={f} name="repeat" label="Nhập lại mật khẩu mới" type="password" testid="password-repeat" input={{ autoComplete: 'new-password' }} />
        <Submit form={f} testid="password-submit">Đổi mật khẩu</Submit>
      </Form>
    </section>
  );
}
