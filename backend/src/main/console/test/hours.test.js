import { describe, expect, test } from 'vitest';
import { fromRows, toRows } from '../src/lib/hours.js';
import { toForm, toRequest } from '../src/lib/listings.js';

describe('the weekly-hours editor', () => {
  test('round-trips the API shape, Monday first, days without ranges closed', () => {
    const hours = { MONDAY: ['08:30-12:00', '14:00-17:30'], SATURDAY: ['09:00-12:00'] };
    const rows = toRows(hours);
    expect(rows.map((r) => r.label)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
    expect(rows[0].ranges).toBe('08:30-12:00, 14:00-17:30');
    expect(fromRows(rows)).toEqual({ hours });
  });

  test('accepts Chinese commas and says in Chinese what is wrong', () => {
    const rows = toRows({});
    rows[1].ranges = '08:00-12:00,14:00-18:00';
    expect(fromRows(rows).hours.TUESDAY).toEqual(['08:00-12:00', '14:00-18:00']);
    rows[2].ranges = '8点-12点';
    expect(fromRows(rows).error).toBe('周三的时段“8点-12点”格式应为 08:30-12:00');
    rows[2].ranges = '12:00-08:00';
    expect(fromRows(rows).error).toBe('周三的时段“12:00-08:00”结束应晚于开始');
  });

  test('a station form becomes the request the API validates', () => {
    const form = toForm('stations', { name: '站', address: '路', district: '中站区', subdistrict: '许衡街道', location: { lat: 35.2, lng: 113.1 },
      phone: '0391-1234567', hours: { MONDAY: ['08:00-12:00'] }, closures: [{ from: '2026-10-01', to: '2026-10-07', reason: '国庆' }], services: ['饮水', '充电'] });
    expect(toRequest('stations', form).body).toEqual({ name: '站', address: '路', district: '中站区', subdistrict: '许衡街道',
      location: { lat: 35.2, lng: 113.1 }, phone: '0391-1234567', hours: { MONDAY: ['08:00-12:00'] },
      closures: [{ from: '2026-10-01', to: '2026-10-07', reason: '国庆' }], services: ['饮水', '充电'] });
  });
});
