import type { ComponentType } from 'preact';
import type { ViewName } from '../server.js';
import { Admin } from './admin.js';
import { Password } from './password.js';
import { Reports } from './reports.js';
import { Superior } from './superior.js';
import { SignIn } from './sign-in.js';

/** A view gets the id in its address ("/nhiem-vu/12" → 12), or null. */
export type View = ComponentType<{ id: number | null }>;

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
  overview: soon('Tổng quan'),
  plans: soon('Kế hoạch'),
  task: soon('Nhiệm vụ'),
  myTasks: soon('Việc của tôi'),
  notifications: soon('Thông báo'),
  reports: Reports,
  rollup: Superior,
  unit: soon('Đơn vị'),
  audit: soon('Nhật ký'),
  admin: Admin,
};
