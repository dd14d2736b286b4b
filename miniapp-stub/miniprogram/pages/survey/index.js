// 回访: opened from the survey subscribe message (?id=) or from a case. Answered once; a second
// answer (here or by SMS) is refused with 409 and the page says 已评价.
const surveys = require('../../services/surveys');
const format = require('../../utils/format');

const MAX_COMMENT = 200;

function labelOf(list, value) {
  const found = list.find((o) => o.value === value);
  return found ? found.label : '';
}

Component({
  data: {
    loading: true,
    error: '',
    survey: null,
    solvedOptions: surveys.SOLVED,
    satisfactionOptions: surveys.SATISFACTION,
    solved: '',
    satisfaction: '',
    comment: '',
    maxComment: MAX_COMMENT,
    submitting: false,
    formError: '',
    answered: null,
  },
  methods: {
    onLoad(query) {
      this.id = query.id;
      this.load();
    },
    load() {
      this.setData({ loading: true, error: '' });
      return surveys
        .one(this.id)
        .then((s) => this.show(s))
        .catch((e) => this.setData({ loading: false, error: e.status === 404 ? '没有找到这份回访' : e.message }));
    },
    show(s) {
      this.setData({
        loading: false,
        survey: { trackingNo: s.trackingNo, categoryName: s.categoryName || '', closedAt: format.time(s.closedAt), answerable: s.answerable, statusLabel: s.statusLabel },
        answered: s.answer
          ? { solved: labelOf(surveys.SOLVED, s.answer.solved), satisfaction: labelOf(surveys.SATISFACTION, s.answer.satisfaction), comment: s.answer.comment || '' }
          : null,
      });
    },
    chooseSolved(e) {
      this.setData({ solved: e.currentTarget.dataset.value, formError: '' });
    },
    chooseSatisfaction(e) {
      this.setData({ satisfaction: e.currentTarget.dataset.value, formError: '' });
    },
    writeComment(e) {
      this.setData({ comment: e.detail.value.slice(0, MAX_COMMENT) });
    },
    submit() {
      const { solved, satisfaction, comment } = this.data;
      if (!solved || !satisfaction) {
        this.setData({ formError: !solved ? '请选择问题是否已解决' : '请选择满意程度' });
        return Promise.resolve();
      }
      this.setData({ submitting: true, formError: '' });
      return surveys
        .answer(this.id, { solved, satisfaction, comment: comment.trim() || undefined })
        .then((s) => {
          this.setData({ submitting: false });
          this.show(s);
          wx.showToast({ title: '感谢您的评价', icon: 'success' });
        })
        .catch((e) => {
          if (e.status === 409) {
            this.setData({ submitting: false, formError: '已评价:这份回访已经回答过了,感谢您的参与' });
            return this.load();
          }
          this.setData({ submitting: false, formError: e.message });
          return undefined;
        });
    },
  },
});
