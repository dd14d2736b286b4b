// 时限 badges: green while in time, yellow from 80 % of the stage's time (or once the server marked
// it 黄牌督办), red once past due. Cases without a running clock (closed, rejected) get none.

export function deadlineBadge(c, now = Date.now()) {
  if (!c.deadline) return null;
  const due = Date.parse(c.deadline);
  const left = due - now;
  if (left < 0 || c.alert === 'RED') {
    return { level: 'red', type: 'danger', text: `已超时 ${duration(-left)}` };
  }
  const started = c.stageStartedAt ? Date.parse(c.stageStartedAt) : null;
  const yellow = c.alert === 'YELLOW' || (started !== null && now >= started + 0.8 * (due - started));
  return yellow
    ? { level: 'yellow', type: 'warning', text: `剩余 ${duration(left)}` }
    : { level: 'green', type: 'success', text: `剩余 ${duration(left)}` };
}

export function duration(ms) {
  const minutes = Math.max(0, Math.floor(ms / 60000));
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} 小时${minutes % 60 ? ` ${minutes % 60} 分` : ''}`;
  return `${Math.floor(hours / 24)} 天 ${hours % 24} 小时`;
}
