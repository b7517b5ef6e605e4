import { post } from './api.js';
import { navFor } from './nav.js';
import { navigate } from './router.js';
import { ROLE_LABELS, VIEW_PATHS, formatCount, type ViewName } from './server.js';
import { setSession, useSession } from './session.js';

/** The header: the unit, who is signed in and their role in Vietnamese, unread notifications, the menu. */
export function Header(p: { view: ViewName | null }) {
  const { me, unread } = useSession();
  return (
    <header class="top">
      <div class="bar">
        <div class="brand">
          <a href="/" class="home">Theo dõi kế hoạch cải cách hành chính</a>
          {me?.unitName ? <span class="unit" data-testid="user-unit">{me.unitName}</span> : null}
        </div>
        {me ? (
          <div class="who" data-testid="signed-in">
            <span><b data-testid="user-name">{me.officialId === null ? <code class="account">{me.name}</code> : me.name}</b> · <span data-testid="user-role">{ROLE_LABELS[me.role]}</span></span>
            <span class="who-actions">
              {me.officialId !== null ? (
                <a href={VIEW_PATHS.notifications} class="bell" data-testid="unread">
                  {/* the name read aloud starts with what is seen (axe: label-content-name-mismatch) */}
                  Thông báo{unread > 0 ? <> <span class="count">{formatCount(unread)}</span><span class="sr"> chưa đọc</span></> : null}
                </a>
              ) : null}
              <a href={VIEW_PATHS.password} data-testid="password-open">Đổi mật khẩu</a>
              <button type="button" class="link-btn" data-testid="logout" onClick={async () => {
                try {
                  await post('/auth/logout');
                } catch {
                  /* signed out either way */
                }
                setSession({ me: null, unread: 0, reason: '' });
                navigate(VIEW_PATHS.signIn, { replace: true });
              }}>Đăng xuất</button>
            </span>
          </div>
        ) : null}
      </div>
      {me && !me.mustChangePassword ? (
        <nav aria-label="Các mục" class="menu" data-testid="nav">
          <ul>
            {navFor(me).map((n) => (
              <li key={n.view}>
                <a href={VIEW_PATHS[n.view]} aria-current={p.view === n.view ? 'page' : undefined} data-testid={`nav-${n.view}`}>{n.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
