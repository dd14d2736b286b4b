// The weekly-hours editor's model: the API's {"MONDAY": ["08:30-12:00", …]} as rows a form can bind to.

export const WEEKDAYS = [
  ['MONDAY', '周一'], ['TUESDAY', '周二'], ['WEDNESDAY', '周三'], ['THURSDAY', '周四'],
  ['FRIDAY', '周五'], ['SATURDAY', '周六'], ['SUNDAY', '周日'],
];

const RANGE = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;

export function toRows(hours = {}) {
  return WEEKDAYS.map(([day, label]) => ({ day, label, ranges: [...(hours[day] || [])].join(', ') }));
}

/** Rows back to the API's shape, or the first problem found, in Chinese. */
export function fromRows(rows) {
  const hours = {};
  for (const row of rows) {
    const ranges = row.ranges.split(/[,,\s]+/).map((r) => r.trim()).filter(Boolean);
    for (const range of ranges) {
      if (!RANGE.test(range)) return { error: `${row.label}的时段“${range}”格式应为 08:30-12:00` };
      const [from, to] = range.split('-');
      if (from >= to) return { error: `${row.label}的时段“${range}”结束应晚于开始` };
    }
    if (ranges.length) hours[row.day] = ranges;
  }
  return { hours };
}

export function sameEveryWorkday(rows, text) {
  return rows.map((row) => (['SATURDAY', 'SUNDAY'].includes(row.day) ? row : { ...row, ranges: text }));
}
