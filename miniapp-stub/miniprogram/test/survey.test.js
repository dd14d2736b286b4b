const { installWx, signedIn, open, settle, texts, text, tap, problem } = require('./harness');

const open_ = { id: 'sv-1', trackingNo: 'JZ20261204-000001', categoryName: '占道经营', status: 'SENT', statusLabel: '待评价',
  closedAt: '2026-12-04T10:00:00+08:00', answerable: true, answer: null };

test('answers once: solved, satisfaction and comment are sent, then the page shows 已评价', async () => {
  const { storage, calls } = installWx({
    'GET /api/v1/surveys/sv-1': open_,
    'POST /api/v1/surveys/sv-1/answers': (req) => Object.assign({}, open_, { status: 'ANSWERED', answerable: false,
      answer: { solved: req.data.solved, satisfaction: req.data.satisfaction, comment: req.data.comment } }),
  });
  signedIn(storage);
  const page = open('pages/survey/index', { id: 'sv-1' });
  await settle();
  expect(text(page)).toContain('占道经营 办理回访');
  await tap(page, '#submit');
  expect(texts(page, '.form-error')).toEqual(['请选择问题是否已解决']);
  await tap(page, '#solved-YES');
  await tap(page, '#satisfaction-BASICALLY_SATISFIED');
  page.instance.writeComment({ detail: { value: '处理及时' } });
  await tap(page, '#submit');
  expect(calls.find((c) => c.method === 'POST').data).toEqual({ solved: 'YES', satisfaction: 'BASICALLY_SATISFIED', comment: '处理及时' });
  expect(texts(page, '.answered-title')).toEqual(['已评价']);
  expect(text(page)).toContain('满意程度:基本满意');
  expect(page.querySelector('#submit')).toBeUndefined();
});

test('a 409 (answered elsewhere, e.g. by SMS) shows 已评价', async () => {
  let answered = false;
  const { storage } = installWx({
    'GET /api/v1/surveys/sv-1': () => (answered ? Object.assign({}, open_, { status: 'ANSWERED', answerable: false,
      answer: { solved: 'YES', satisfaction: 'SATISFIED', comment: null } }) : open_),
    'POST /api/v1/surveys/sv-1/answers': () => {
      answered = true;
      return problem(409, 'already-exists', '这份回访已经回答过了');
    },
  });
  signedIn(storage);
  const page = open('pages/survey/index', { id: 'sv-1' });
  await settle();
  await tap(page, '#solved-NO');
  await tap(page, '#satisfaction-DISSATISFIED');
  await tap(page, '#submit');
  await settle();
  expect(text(page)).toContain('已评价');
  expect(text(page)).toContain('满意程度:满意');
});

test('an expired survey cannot be answered; an unknown one is not found', async () => {
  const { storage } = installWx({
    'GET /api/v1/surveys/sv-2': Object.assign({}, open_, { id: 'sv-2', status: 'EXPIRED', statusLabel: '已过期', answerable: false }),
    'GET /api/v1/surveys/sv-3': problem(404, 'not-found', '没有找到这份回访'),
  });
  signedIn(storage);
  const expired = open('pages/survey/index', { id: 'sv-2' });
  const unknown = open('pages/survey/index', { id: 'sv-3' });
  await settle();
  expect(text(expired)).toContain('这份回访已过期,不能再评价');
  expect(text(unknown)).toContain('没有找到这份回访');
});
