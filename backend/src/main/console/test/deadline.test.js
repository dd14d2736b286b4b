import { describe, expect, test } from 'vitest';
import { deadlineBadge, duration } from '../src/lib/deadline.js';

const HOUR = 3600000;
const start = Date.parse('2026-03-02T08:00:00+08:00');
const due = new Date(start + 10 * HOUR).toISOString();

describe('deadline badges', () => {
  test('green while less than 80 % of the stage is used', () => {
    expect(deadlineBadge({ deadline: due, stageStartedAt: new Date(start).toISOString() }, start + 7.9 * HOUR).level).toBe('green');
  });

  test('yellow from 80 % of the stage', () => {
    const badge = deadlineBadge({ deadline: due, stageStartedAt: new Date(start).toISOString() }, start + 8 * HOUR);
    expect(badge.level).toBe('yellow');
    expect(badge.text).toBe('剩余 2 小时');
  });

  test('yellow when the server marked it, even without the stage start', () => {
    expect(deadlineBadge({ deadline: due, alert: 'YELLOW' }, start).level).toBe('yellow');
  });

  test('red once past due, with how long ago', () => {
    const badge = deadlineBadge({ deadline: due }, start + 10 * HOUR + 90 * 60000);
    expect(badge).toEqual({ level: 'red', type: 'danger', text: '已超时 1 小时 30 分' });
  });

  test('no badge without a running clock', () => {
    expect(deadlineBadge({ deadline: null, status: 'CLOSED' })).toBeNull();
  });

  test('durations read as a dispatcher says them', () => {
    expect(duration(59 * 60000)).toBe('59 分钟');
    expect(duration(49 * HOUR)).toBe('2 天 1 小时');
  });
});
