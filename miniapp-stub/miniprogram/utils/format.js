// Plain Chinese for distances, times (Asia/Shanghai, as the backend gives them) and statuses.

function distance(metres) {
  if (metres < 1000) {
    return Math.round(metres) + ' 米';
  }
  return (Math.round(metres / 100) / 10).toFixed(1) + ' 公里';
}

/** "2026-12-04T19:32:55+08:00" → "12月4日 19:32" (the offset is Shanghai's already). */
function time(iso) {
  if (!iso) {
    return '';
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? Number(m[2]) + '月' + Number(m[3]) + '日 ' + m[4] + ':' + m[5] : iso;
}

/** How long ago, from now, in words: 刚刚, 5 分钟前, 3 小时前, 2 天前. */
function age(iso, now = Date.now()) {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60000));
  if (minutes < 1) {
    return '刚刚';
  }
  if (minutes < 60) {
    return minutes + ' 分钟前';
  }
  if (minutes < 24 * 60) {
    return Math.floor(minutes / 60) + ' 小时前';
  }
  return Math.floor(minutes / (24 * 60)) + ' 天前';
}

const DAYS = [
  ['MONDAY', '周一'],
  ['TUESDAY', '周二'],
  ['WEDNESDAY', '周三'],
  ['THURSDAY', '周四'],
  ['FRIDAY', '周五'],
  ['SATURDAY', '周六'],
  ['SUNDAY', '周日'],
];

/** Weekly hours as seven rows, closed days included. */
function weeklyHours(hours) {
  const days = (hours && hours.days) || hours || {};
  return DAYS.map(([key, label]) => ({ day: label, ranges: days[key] && days[key].length ? days[key].join('、') : '休息' }));
}

/** "06-01..09-30" → "每年 6月1日 至 9月30日" */
function season(value) {
  const m = /^(\d{2})-(\d{2})\.\.(\d{2})-(\d{2})$/.exec(value || '');
  return m ? '每年 ' + Number(m[1]) + '月' + Number(m[2]) + '日 至 ' + Number(m[3]) + '月' + Number(m[4]) + '日' : '';
}

function closure(c) {
  const range = c.from === c.to ? c.from : c.from + ' 至 ' + c.to;
  return range + (c.reason ? '(' + c.reason + ')' : '');
}

/** Time left to a deadline, or how far past it. */
function deadline(iso, now = Date.now()) {
  if (!iso) {
    return '';
  }
  const minutes = Math.floor((Date.parse(iso) - now) / 60000);
  const words = (m) => (m >= 24 * 60 ? Math.floor(m / (24 * 60)) + ' 天' : m >= 60 ? Math.floor(m / 60) + ' 小时' : Math.max(m, 1) + ' 分钟');
  return minutes >= 0 ? '剩余 ' + words(minutes) : '已超时 ' + words(-minutes);
}

module.exports = { distance, time, age, weeklyHours, season, closure, deadline };
