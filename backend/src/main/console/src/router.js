import { createRouter, createWebHashHistory } from 'vue-router';
import Layout from './views/Layout.vue';
import LoginView from './views/LoginView.vue';

// Which screens each role has; the server checks every call again, this only keeps menus honest.
export const SCREENS = [
  { name: 'cases', path: 'cases', title: '工单', roles: ['ADMIN', 'DISPATCHER', 'STATION_STAFF'], component: () => import('./views/CasesView.vue') },
  { name: 'case', path: 'cases/:no', title: '工单详情', roles: ['ADMIN', 'DISPATCHER', 'STATION_STAFF'], hidden: true, component: () => import('./views/CaseView.vue') },
  { name: 'map', path: 'map', title: '态势', roles: ['ADMIN', 'DISPATCHER', 'STATION_STAFF'], component: () => import('./views/MapView.vue') },
  { name: 'listings', path: 'listings', title: '点位', roles: ['ADMIN', 'DISPATCHER', 'STATION_STAFF'], component: () => import('./views/ListingsView.vue') },
  { name: 'surveys', path: 'surveys', title: '回访', roles: ['ADMIN', 'DISPATCHER', 'STATION_STAFF'], component: () => import('./views/SurveysView.vue') },
  { name: 'stats', path: 'stats', title: '考核', roles: ['ADMIN'], component: () => import('./views/StatsView.vue') },
  { name: 'staff', path: 'staff', title: '账号', roles: ['ADMIN'], component: () => import('./views/StaffView.vue') },
  { name: 'hotline', path: 'hotline', title: '12345 回传', roles: ['ADMIN'], component: () => import('./views/HotlineView.vue') },
  { name: 'audit', path: 'audit', title: '审计', roles: ['ADMIN'], component: () => import('./views/AuditView.vue') },
];

export function createConsoleRouter(session) {
  const router = createRouter({
    // hash history: every screen is /console/#/…, so the server serves one page and no token ever reaches a path
    history: createWebHashHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginView },
      { path: '/wall', name: 'wall', component: () => import('./views/WallView.vue'), meta: { roles: ['ADMIN', 'DISPATCHER'] } },
      {
        path: '/',
        component: Layout,
        redirect: { name: 'cases' },
        children: SCREENS.map((s) => ({ path: s.path, name: s.name, component: s.component, meta: { title: s.title, roles: s.roles } })),
      },
      { path: '/:rest(.*)*', redirect: { name: 'cases' } },
    ],
  });
  router.beforeEach((to) => {
    if (to.name === 'login') return true;
    if (!session.signedIn) return { name: 'login', query: { next: to.fullPath } };
    const roles = to.meta.roles;
    if (roles && !session.hasRole(...roles)) return { name: 'cases' };
    return true;
  });
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · 城管指挥平台` : '城管指挥平台';
  });
  return router;
}
