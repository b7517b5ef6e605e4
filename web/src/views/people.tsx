import { useState } from 'preact/hooks';
import { get, patch, post } from '../api.js';
import { CheckField } from '../components/check-field.js';
import { Form, SelectField, Submit, TextField, FieldErrors, useForm } from '../components/form.js';
import { ALL_LOADED, MoreRows, SearchBox, usePaged } from '../components/paged.js';
import { Alert, DataTable, Notice, Pill, useData } from '../components/ui.js';
import { formatCount, ROLE_LABELS, type Role } from '../server.js';
import type { AccountPage, AccountRow } from '../types.js';
import { useSession } from '../session.js';
import {
  OFFICIAL_ROLE_LABELS, REMINDER_MODE_LABELS, formatPhone, newPassword, passwordFromBytes, passwordProblem, type Account, type OfficialRow,
} from './back-office.js';

/**
 * A unit's people: its officials (add, edit, contact details) and their
 * accounts (give one, lock or unlock, reset a password). Shared by the
 * chairman's Đơn vị and the administrator's Quản trị; what each may do is what
 * the server granted them (me.grants, and the reset only for the administrator).
 */
/** Rows on opening, and more on each "Xem thêm". */
const FIRST = 15;
const STEP = 50;

/**
 * A unit's people: its officials (add, edit, contact details) and their
 * accounts (give one, lock or unlock, reset a password), each list a page at
 * a time from the server with its own search. Shared by the chairman's Đơn vị
 * and the administrator's Quản trị; what each may do is what the server
 * granted them (me.grants, and the reset only for the administrator).
 */
export function UnitPeople(p: { unitId: number; unitName: string }) {
  const { me } = useSession();
  const [findOfficial, setFindOfficial] = useState('');
  const [findAccount, setFindAccount] = useState('');
  const q = (text: string) => (text.trim() ? `&q=${encodeURIComponent(text.trim())}` : '');
  const officials = usePaged<OfficialRow>(`/officials/page?unitId=${p.unitId}${q(findOfficial)}`, { first: FIRST, step: STEP });
  const accounts = usePaged<AccountRow>(`/users/page?unitId=${p.unitId}${q(findAccount)}`, { first: FIRST, step: STEP });
  // the accounts of the officials shown: those the accounts list has read already, the others asked for by their ids
  const shownIds = officials.items.map((o) => o.id).join(',');
  const accountsOf = useData(async () => {
    if (!accounts.last) return null;
    const found = new Map<number, AccountRow>();
    for (const a of accounts.items) if (a.officialId !== null) found.set(a.officialId, a);
    const missing = officials.items.map((o) => o.id).filter((id) => !found.has(id));
    for (let i = 0; i < missing.length; i += 100) {
      const page = await get<AccountPage>(`/users/page?unitId=${p.unitId}&officialIds=${missing.slice(i, i + 100).join(',')}&limit=100`);
      for (const a of page.items) if (a.officialId !== null) found.set(a.officialId, a);
    }
    return found;
  }, [p.unitId, shownIds, accounts.last]);
  const [editing, setEditing] = useState<OfficialRow | null>(null);
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  if (!me) return null;
  const reload = async () => {
    await Promise.all([officials.reload(), accounts.reload()]);
  };
  const accountOf = (o: OfficialRow) => accountsOf.data?.get(o.id);
  return (
    <div data-testid="unit-people">
      {shown ? (
        <div class="msg ok once" role="status" data-testid="password-once">
          Mật khẩu ban đầu của tài khoản <code>{shown.username}</code>: <code class="pw" data-testid="password-value">{shown.password}</code>
          <br />Hãy chép lại và trao cho người dùng ngay: mật khẩu này chỉ hiện một lần, người dùng phải đổi khi đăng nhập lần đầu.
          <div class="actions"><button type="button" class="sec" onClick={() => setShown(null)} data-testid="password-once-close">Đã chép, ẩn mật khẩu</button></div>
        </div>
      ) : null}
      <h2>Cán bộ, công chức của {p.unitName}</h2>
      <form class="form inline no-print" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchBox id="officials-q" label="Tìm cán bộ" testid="officials-search" value={findOfficial} placeholder="Họ tên, chức vụ, thư, điện thoại" onInput={setFindOfficial} />
      </form>
      {officials.error ? <Alert>{officials.error}</Alert> : null}
      {officials.last ? <p class="muted" data-testid="officials-total">{findOfficial.trim() ? `${formatCount(officials.total)} cán bộ khớp “${findOfficial.trim()}”.` : `${formatCount(officials.total)} cán bộ.`}</p> : null}
      <DataTable testid="officials" rows={officials.items} rowKey={(o) => o.id} rowProps={(o) => ({ 'data-official-id': o.id })} pageSize={ALL_LOADED}
        empty={findOfficial.trim() ? 'Không có cán bộ nào khớp.' : 'Đơn vị chưa có cán bộ nào.'} caption="Cán bộ, công chức"
        columns={[
          { label: 'Họ và tên', cell: (o) => <b>{o.fullName}</b> },
          { label: 'Chức vụ', cell: (o) => o.position },
          { label: 'Vai trò', cell: (o) => OFFICIAL_ROLE_LABELS[o.role] },
          { label: 'Thư điện tử', cell: (o) => (o.email ? <code class="account">{o.email}</code> : <span class="muted">chưa có</span>) },
          { label: 'Điện thoại', cell: (o) => (o.phone ? <span class="nowrap">{formatPhone(o.phone)}</span> : <span class="muted">chưa có</span>) },
          { label: 'Nhận nhắc việc qua', cell: (o) => reminderChannels(o) },
          { label: 'Tài khoản', cell: (o) => { const a = accountOf(o); return a ? <code>{a.username}</code> : <span class="muted">chưa có</span>; } },
          { label: 'Thao tác', srOnly: true, cell: (o) => <button type="button" class="sec" data-testid="official-edit" onClick={() => setEditing(o)}>Sửa</button> },
        ]} />
      <MoreRows list={officials} noun="cán bộ" testid="officials" />
      {editing ? (
        <OfficialForm key={editing.id} unitId={p.unitId} official={editing} onDone={async () => { setEditing(null); await reload(); }} onCancel={() => setEditing(null)} />
      ) : (
        <OfficialForm key="new" unitId={p.unitId} onDone={reload} />
      )}
      <h2>Tài khoản</h2>
      <form class="form inline no-print" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchBox id="accounts-q" label="Tìm tài khoản" testid="accounts-search" value={findAccount} placeholder="Tên đăng nhập, họ tên cán bộ" onInput={setFindAccount} />
      </form>
      {accounts.error ? <Alert>{accounts.error}</Alert> : null}
      {accounts.last ? <p class="muted" data-testid="accounts-total">{findAccount.trim() ? `${formatCount(accounts.total)} tài khoản khớp “${findAccount.trim()}”.` : `${formatCount(accounts.total)} tài khoản.`}</p> : null}
      <DataTable testid="accounts" rows={accounts.items} rowKey={(a) => a.id} rowProps={(a) => ({ 'data-username': a.username })} pageSize={ALL_LOADED}
        empty={findAccount.trim() ? 'Không có tài khoản nào khớp.' : 'Đơn vị chưa có tài khoản nào.'} caption="Tài khoản"
        columns={[
          { label: 'Tên đăng nhập', cell: (a) => <code>{a.username}</code> },
          { label: 'Vai trò', cell: (a) => ROLE_LABELS[a.role] },
          { label: 'Cán bộ', cell: (a) => a.officialName ?? <span class="muted">không gắn với cán bộ</span> },
          { label: 'Trạng thái', cell: (a) => (a.active ? <Pill kind="issued">Đang dùng</Pill> : <Pill kind="closed">Đã khóa</Pill>) },
          { label: 'Thao tác', srOnly: true, cell: (a) => <AccountActions account={a} onShown={setShown} onDone={reload} /> },
        ]} />
      <MoreRows list={accounts} noun="tài khoản" testid="accounts" />
      {me.grants.length ? (
        // the officials shown above who are at work and have no account yet; a search above brings others into the list
        <AccountForm unitId={p.unitId} officials={accountsOf.data ? officials.items.filter((o) => o.active && !accountOf(o)) : []}
          onCreated={async (shownOnce) => { if (shownOnce) setShown(shownOnce); await reload(); }} />
      ) : null}
    </div>
  );
}

function AccountActions(p: { account: Account; onShown: (s: { username: string; password: string }) => void; onDone: () => Promise<void> }) {
  const { me } = useSession();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (!me || p.account.id === me.id) return null;
  const mayChange = p.account.role === 'admin' ? false : me.grants.some((g) => g.role === p.account.role);
  const run = (fn: () => Promise<void>) => async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await fn();
      await p.onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Đã có lỗi, hãy thử lại.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="actions">
      {mayChange ? (
        <button type="button" class="sec" disabled={busy} data-testid={p.account.active ? 'account-lock' : 'account-unlock'}
          onClick={run(() => patch(`/users/${p.account.id}`, { active: !p.account.active, version: p.account.version }))}>
          {p.account.active ? 'Khóa' : 'Mở khóa'}
        </button>
      ) : null}
      {me.role === 'admin' ? (
        <button type="button" class="sec" disabled={busy} data-testid="account-reset"
          onClick={run(async () => {
            const r = await post<{ password?: string }>(`/users/${p.account.id}/reset-password`, {});
            if (r.password) p.onShown({ username: p.account.username, password: r.password });
          })}>
          Đặt lại mật khẩu
        </button>
      ) : null}
      {error ? <small class="error" role="alert">{error}</small> : null}
    </div>
  );
}

/** Where an official's reminders go: always in the app, and by e-mail and Zalo as chosen. */
function reminderChannels(o: OfficialRow): string {
  const ways = ['trong ứng dụng'];
  if (o.notifyEmail) ways.push(o.email ? `thư điện tử (${REMINDER_MODE_LABELS[o.reminderMode].toLowerCase()})` : 'thư điện tử (chưa có địa chỉ)');
  if (o.notifyZalo) ways.push('Zalo');
  const text = ways.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function OfficialForm(p: { unitId: number; official?: OfficialRow; onDone: () => Promise<void>; onCancel?: () => void }) {
  const o = p.official;
  const blank = {
    fullName: '', position: '', role: 'official', email: '', phone: '', notifyEmail: true, notifyZalo: false, reminderMode: 'digest', active: 'yes',
  };
  const f = useForm(o ? {
    fullName: o.fullName, position: o.position, role: o.role as string, email: o.email ?? '', phone: o.phone ? formatPhone(o.phone) : '',
    notifyEmail: o.notifyEmail, notifyZalo: o.notifyZalo, reminderMode: o.reminderMode as string, active: o.active ? 'yes' : 'no',
  } : blank);
  return (
    <details class="subcard" open={!!o} data-testid={o ? 'official-edit-form' : 'official-add'}>
      <summary>{o ? `Sửa thông tin: ${o.fullName}` : 'Thêm cán bộ, công chức'}</summary>
      <Form form={f} class="form inline" label={o ? 'Sửa cán bộ' : 'Thêm cán bộ'} onSubmit={async (v) => {
        const body = {
          fullName: v.fullName, position: v.position, role: v.role, email: v.email.trim() || null, reminderMode: v.reminderMode,
          // the server checks the number and stores it as 84…
          phone: v.phone.trim() || null, notifyEmail: v.notifyEmail, notifyZalo: v.notifyZalo,
          ...(o ? { active: v.active === 'yes', version: o.version } : { unitId: p.unitId }),
        };
        if (o) await patch(`/officials/${o.id}`, body);
        else await post('/officials', body);
        if (!o) f.reset(blank);
        await p.onDone();
        return o ? 'Đã lưu thông tin cán bộ.' : `Đã thêm ${v.fullName}.`;
      }}>
        <TextField form={f} name="fullName" label="Họ và tên" testid="official-name" input={{ autoComplete: 'off' }} />
        <TextField form={f} name="position" label="Chức vụ" testid="official-position" />
        <SelectField form={f} name="role" label="Vai trò trong đơn vị" testid="official-role"
          options={Object.entries(OFFICIAL_ROLE_LABELS).map(([value, label]) => ({ value, label }))} />
        <TextField form={f} name="email" label="Thư điện tử (nhận nhắc việc)" type="email" testid="official-email" input={{ autoComplete: 'off' }} />
        <TextField form={f} name="phone" label="Số điện thoại di động (nhận nhắc việc qua Zalo)" type="tel" testid="official-phone"
          hint="Ví dụ 0912 345 678." input={{ autoComplete: 'off', inputMode: 'tel', maxLength: 20 }} />
        <fieldset class="checks wide" data-testid="official-channels">
          <legend>Nhận nhắc việc qua</legend>
          <p class="muted">Thông báo trong ứng dụng: luôn có.</p>
          <CheckField form={f} name="notifyEmail" label="Thư điện tử" testid="official-notify-email" />
          <CheckField form={f} name="notifyZalo" label="Zalo (cần số điện thoại; không gửi được thì gửi thư điện tử thay)" testid="official-notify-zalo" />
        </fieldset>
        <SelectField form={f} name="reminderMode" label="Cách nhận thư nhắc việc" testid="official-reminder-mode"
          options={Object.entries(REMINDER_MODE_LABELS).map(([value, label]) => ({ value, label }))} />
        {o ? <SelectField form={f} name="active" label="Còn công tác" options={[{ value: 'yes', label: 'Còn công tác' }, { value: 'no', label: 'Đã nghỉ, chuyển công tác' }]} /> : null}
        <div class="actions wide">
          <Submit form={f} testid="official-submit">{o ? 'Lưu' : 'Thêm cán bộ'}</Submit>
          {p.onCancel ? <button type="button" class="sec" onClick={p.onCancel}>Thôi</button> : null}
        </div>
      </Form>
    </details>
  );
}

function AccountForm(p: { unitId: number; officials: OfficialRow[]; onCreated: (shown: { username: string; password: string } | null) => Promise<void> }) {
  const { me } = useSession();
  const grants = me?.grants ?? [];
  const f = useForm({ username: '', role: grants[0]?.role ?? '', officialId: '', password: '' });
  const grant = grants.find((g) => g.role === f.values.role);
  return (
    <details class="subcard" data-testid="account-add">
      <summary>Cấp tài khoản</summary>
      <Form form={f} class="form inline" label="Cấp tài khoản" onSubmit={async (v) => {
        const g = grants.find((x) => x.role === v.role);
        if (g?.needsOfficial && !v.officialId) throw new FieldErrors({ officialId: 'Hãy chọn cán bộ dùng tài khoản này.' });
        const generated = !v.password;
        const password = generated ? newPassword(passwordFromBytes) : v.password;
        if (!generated && v.username) {
          const problem = passwordProblem(password, v.username);
          if (problem) throw new FieldErrors({ password: problem.charAt(0).toUpperCase() + problem.slice(1) + '.' });
        }
        await post('/users', {
          username: v.username, password, role: v.role as Role, unitId: p.unitId,
          officialId: g?.needsOfficial ? Number(v.officialId) : null,
        });
        f.reset({ username: '', role: v.role, officialId: '', password: '' });
        await p.onCreated(generated ? { username: v.username, password } : null);
        return `Đã cấp tài khoản ${v.username}.`;
      }}>
        <TextField form={f} name="username" label="Tên đăng nhập" testid="account-username" hint="Chữ không dấu, số và . _ -"
          input={{ autoComplete: 'off', autoCapitalize: 'none', spellcheck: false }} />
        <SelectField form={f} name="role" label="Vai trò" testid="account-role" options={grants.map((g) => ({ value: g.role, label: g.label }))} />
        {grant?.needsOfficial ? (
          <SelectField form={f} name="officialId" label="Cán bộ dùng tài khoản" testid="account-official"
            options={[{ value: '', label: '— Chọn cán bộ —' }, ...p.officials.map((o) => ({ value: String(o.id), label: `${o.fullName} (${o.position})` }))]} />
        ) : null}
        <TextField form={f} name="password" label="Mật khẩu ban đầu" type="password" testid="account-password"
          hint="Bỏ trống để tạo mật khẩu ngẫu nhiên (hiện một lần). Người dùng phải đổi khi đăng nhập lần đầu." input={{ autoComplete: 'new-password' }} />
        <div class="actions wide"><Submit form={f} testid="account-submit">Cấp tài khoản</Submit></div>
      </Form>
    </details>
  );
}
