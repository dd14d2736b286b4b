// Times as a Chinese dispatcher reads them: Asia/Shanghai, 24 h, whatever the browser's zone.

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function dateTime(value) {
  if (!value) return '';
  const parts = Object.fromEntries(DATE_TIME.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}

/** yyyy-MM-dd of an instant in Shanghai (the day the backend files it under). */
export function shanghaiDay(value = Date.now()) {
  return DAY.format(new Date(value));
}

export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export const STATUS_LABELS = {
  RECEIVED: '已受理', REGISTERED: '已立案', DISPATCHED: '已派遣', HANDLED: '已处置', VERIFIED: '已核查',
  REOPENED: '重办', CLOSED: '已结案', REJECTED: '已退回',
};
