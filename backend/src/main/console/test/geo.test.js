import { describe, expect, test } from 'vitest';
import { gcj02ToWgs84, metresBetween, onLayer, wgs84ToGcj02 } from '../src/lib/geo.js';

describe('GCJ-02 on map layers', () => {
  test('a point in Jiaozuo shifts by a few hundred metres between the datums', () => {
    const [lng, lat] = wgs84ToGcj02(113.242, 35.215);
    const shift = metresBetween([35.215, 113.242], [lat, lng]);
    expect(shift).toBeGreaterThan(100);
    expect(shift).toBeLessThan(1000);
  });

  test('GCJ-02 → WGS84 → GCJ-02 comes back within a metre, across China', () => {
    for (const [lng, lat] of [[113.242, 35.215], [116.397, 39.909], [121.473, 31.23], [87.617, 43.793], [113.264, 23.129]]) {
      const [wLng, wLat] = gcj02ToWgs84(lng, lat);
      const [gLng, gLat] = wgs84ToGcj02(wLng, wLat);
      expect(metresBetween([lat, lng], [gLat, gLng])).toBeLessThan(1);
    }
  });

  test('a GCJ-02 layer takes our points as they are; a WGS84 one gets them shifted', () => {
    const point = { lat: 35.215, lng: 113.242 };
    expect(onLayer(point, 'GCJ02')).toEqual([35.215, 113.242]);
    const [lat, lng] = onLayer(point, 'WGS84');
    expect(metresBetween([lat, lng], [35.215, 113.242])).toBeGreaterThan(100);
  });

  test('outside China nothing moves', () => {
    expect(gcj02ToWgs84(2.35, 48.85)).toEqual([2.35, 48.85]);
  });
});
