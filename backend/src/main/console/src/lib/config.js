// What the backend tells the console about its deployment: the map's tile layer and its datum.
let cached = null;

export function consoleConfig(fetchImpl = (...a) => globalThis.fetch(...a)) {
  if (!cached) {
    cached = fetchImpl('/console/config.json')
      .then((res) => (res.ok ? res.json() : {}))
      .catch(() => ({}))
      .then((c) => ({ tileUrl: null, tileDatum: 'GCJ02', tileAttribution: '', centre: { lat: 35.215, lng: 113.242 }, ...c }));
  }
  return cached;
}
