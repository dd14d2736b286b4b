// 回访: the follow-up survey of a closed case.
const { request } = require('../utils/request');

const SOLVED = [
  { value: 'YES', label: '已解决' },
  { value: 'NO', label: '未解决' },
  { value: 'UNKNOWN', label: '不清楚' },
];

const SATISFACTION = [
  { value: 'SATISFIED', label: '满意' },
  { value: 'BASICALLY_SATISFIED', label: '基本满意' },
  { value: 'DISSATISFIED', label: '不满意' },
];

function one(id) {
  return request({ path: '/api/v1/surveys/' + encodeURIComponent(id) });
}

function mine() {
  return request({ path: '/api/v1/surveys/mine' });
}

function answer(id, { solved, satisfaction, comment }) {
  return request({ method: 'POST', path: '/api/v1/surveys/' + encodeURIComponent(id) + '/answers', data: { solved, satisfaction, comment } });
}

module.exports = { SOLVED, SATISFACTION, one, mine, answer };
