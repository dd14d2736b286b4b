// Filters that stick: what a dispatcher last chose on a screen is there again next time (per user,
// per screen, in localStorage; nothing personal is stored, only filter values).

export function stickyFilters(screen, user, defaults, storage = globalThis.localStorage) {
  const key = `cs.console.filters.${user || 'anon'}.${screen}`;
  let saved = {};
  try {
    saved = JSON.parse(storage.getItem(key) || '{}');
  } catch (e) {
    saved = {};
  }
  const initial = { ...defaults };
  for (const name of Object.keys(defaults)) {
    if (name in saved) initial[name] = saved[name];
  }
  return {
    initial,
    save(values) {
      const kept = {};
      for (const name of Object.keys(defaults)) kept[name] = values[name];
      storage.setItem(key, JSON.stringify(kept));
    },
    clear() {
      storage.removeItem(key);
      return { ...defaults };
    },
  };
}
