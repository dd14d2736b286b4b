// The staff session: the token lives in sessionStorage (gone with the tab, never a cookie or the URL).
import { reactive } from 'vue';

const TOKEN = 'cs.console.token';
const STAFF = 'cs.console.staff';

export function createSession(storage = globalThis.sessionStorage) {
  const state = reactive({
    token: storage.getItem(TOKEN),
    staff: JSON.parse(storage.getItem(STAFF) || 'null'),
    // why the last session ended, shown on the login screen
    endedBecause: null,
  });
  return {
    state,
    get token() {
      return state.token;
    },
    get staff() {
      return state.staff;
    },
    get signedIn() {
      return Boolean(state.token);
    },
    start(token, staff) {
      storage.setItem(TOKEN, token);
      storage.setItem(STAFF, JSON.stringify(staff));
      state.token = token;
      state.staff = staff;
      state.endedBecause = null;
    },
    end(reason = null) {
      storage.removeItem(TOKEN);
      storage.removeItem(STAFF);
      state.token = null;
      state.staff = null;
      state.endedBecause = reason;
    },
    hasRole(...roles) {
      return Boolean(state.staff) && roles.includes(state.staff.role);
    },
  };
}
