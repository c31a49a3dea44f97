import { createRouter, createWebHistory } from 'vue-router';
import DrawView from './views/DrawView.vue';

export type Section = 'draw' | 'history' | 'stats' | 'jobs';

declare module 'vue-router' {
  interface RouteMeta {
    /** The nav link marked as the current page. */
    section?: Section;
    title: string;
  }
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    // Drawing is the landing page and ships in the main bundle; the rest load when visited
    // (the stats view carries Chart.js).
    { path: '/', name: 'draw', component: DrawView, meta: { section: 'draw', title: 'Draw' } },
    { path: '/history', name: 'history', component: () => import('./views/HistoryView.vue'), meta: { section: 'history', title: 'History' } },
    { path: '/stats', name: 'stats', component: () => import('./views/StatsView.vue'), meta: { section: 'stats', title: 'Statistics' } },
    { path: '/jobs', name: 'jobs', component: () => import('./views/JobsView.vue'), meta: { section: 'jobs', title: 'Batch jobs' } },
    {
      path: '/jobs/:id(\\d+)',
      name: 'job',
      component: () => import('./views/JobView.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
      meta: { section: 'jobs', title: 'Batch job' },
    },
    { path: '/:unknown(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: 'Page not found' } },
  ],
});

router.afterEach((to, from) => {
  document.title = `${to.meta.title} — Berth`;
  // After a navigation inside the app (not the first load, not a query change within a
  // view), move focus to the new view so keyboard and screen-reader users start there.
  if (from.matched.length > 0 && to.path !== from.path) {
    requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: false }));
  }
});
