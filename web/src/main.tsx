import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import './app.css';
import { csrfToken, get, whenSignedOut } from './api.js';
import { BusyBar, Loading } from './components/ui.js';
import { Header } from './layout.js';
import { homeOf, navFor, viewOf } from './nav.js';
import { interceptLinks, navigate, upgradeOldLink, useRoute } from './router.js';
import { VIEW_PATHS } from './server.js';
import { refreshUnread, setSession, useSession } from './session.js';
import type { Me } from './types.js';
import { VIEWS } from './views/index.js';

const TITLE = 'Theo dõi kế hoạch cải cách hành chính';

function App() {
  const route = useRoute();
  const s = useSession();
  const { view, id } = viewOf(route.path);

  // where the address leads, given who is signed in
  useEffect(() => {
    if (s.loading) return;
    const here = route.path + (route.query.toString() ? `?${route.query}` : '');
    if (!s.me) {
      if (view !== 'signIn') navigate(`${VIEW_PATHS.signIn}${route.path !== '/' ? `?tiep=${encodeURIComponent(here)}` : ''}`, { replace: true });
      return;
    }
    if (s.me.mustChangePassword) {
      if (view !== 'password') navigate(VIEW_PATHS.password, { replace: true });
      return;
    }
    if (route.path === '/' || view === 'signIn' || view === null) navigate(homeOf(s.me), { replace: true });
  }, [s.loading, s.me, route.path]);

  useEffect(() => {
    const label = s.me ? navFor(s.me).find((n) => n.view === view)?.label : view === 'signIn' ? 'Đăng nhập' : undefined;
    document.title = label ? `${label} – ${TITLE}` : TITLE;
  }, [view, s.me]);

  const View = view ? VIEWS[view] : null;
  return (
    <>
      <a class="skip" href="#main">Bỏ qua, tới nội dung chính</a>
      <BusyBar />
      <Header view={view} />
      <main id="main" tabIndex={-1}>
        {s.loading ? <Loading /> : View ? <View key={`${view}-${id}`} id={id} /> : null}
      </main>
    </>
  );
}

async function start() {
  upgradeOldLink();
  interceptLinks();
  whenSignedOut((reason) => {
    setSession({ me: null, unread: 0, reason: reason || 'Phiên đăng nhập đã kết thúc. Hãy đăng nhập lại.' });
  });
  const root = document.getElementById('app')!;
  root.textContent = '';
  render(<App />, root);
  // no anti-forgery cookie: nobody is signed in on this browser, ask at once
  if (!csrfToken()) return setSession({ loading: false });
  try {
    const me = await get<Me>('/auth/me');
    setSession({ me, loading: false });
    void refreshUnread();
  } catch {
    setSession({ loading: false, me: null, reason: '' });
  }
}

void start();
