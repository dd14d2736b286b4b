import { createApp } from 'vue';
import App from './App.vue';
import { installElement } from './element.js';
import { createConsoleRouter } from './router.js';
import { createSession } from './lib/session.js';
import { createApi } from './lib/api.js';
import './theme.css';
import './console.css';

const session = createSession();
const router = createConsoleRouter(session);
const api = createApi({
  session,
  onSessionEnded: () => router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath } }),
});

const app = createApp(App);
installElement(app);
app.provide('session', session);
app.provide('api', api);
app.use(router);
app.mount('#app');
