import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Alert, Loading } from '../components/ui.js';
import type { ViewName } from '../server.js';
import { Password } from './password.js';
import { SignIn } from './sign-in.js';

/** A view gets the id in its address ("/nhiem-vu/12" → 12), or null. */
export type View = ComponentType<{ id: number | null }>;

/**
 * A view whose code is loaded the first time its address is opened (esbuild
 * splits each into a chunk of its own): a view's cold load is the shell and itself.
 */
function lazy(load: () => Promise<View>): View {
  let loaded: View | null = null;
  return function Lazy(props) {
    const [view, setView] = useState<View | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      load().then((v) => { loaded = v; setView(() => v); }, () => setFailed(true));
    }, []);
    if (failed) return <Alert>Không tải được trang này. Hãy kiểm tra mạng rồi tải lại trang.</Alert>;
    const V = view;
    return V ? <V {...props} /> : <Loading />;
  };
}

function Soon(p: { title: string }) {
  return (
    <section class="card">
      <h1>{p.title}</h1>
      <p class="muted">Mục này đang được xây dựng.</p>
    </section>
  );
}
const soon = (title: string): View => () => <Soon title={title} />;

/** Every view, by the name of its address (common/web-paths.ts). */
export const VIEWS: Record<ViewName, View> = {
  signIn: SignIn,
  password: Password,
  overview: lazy(() => import('./overview.js').then((m) => m.Overview)),
  plans: lazy(() => import('./plans.js').then((m) => m.Plans)),
  importPlan: lazy(() => import('./import.js').then((m) => m.ImportPlan)),
  task: lazy(() => import('./task.js').then((m) => m.TaskPage)),
  myTasks: lazy(() => import('./my-tasks.js').then((m) => m.MyTasks)),
  notifications: lazy(() => import('./notifications.js').then((m) => m.Notifications)),
  reports: lazy(() => import('./reports.js').then((m) => m.Reports)),
  rollup: lazy(() => import('./superior.js').then((m) => m.Superior)),
  unit: lazy(() => import('./unit.js').then((m) => m.UnitView)),
  audit: lazy(() => import('./audit.js').then((m) => m.Audit)),
  admin: lazy(() => import('./admin.js').then((m) => m.Admin)),
};
