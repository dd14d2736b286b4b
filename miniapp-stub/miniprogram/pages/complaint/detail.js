// One case: status, deadline, timeline, before/after photos (fetched with the session), the survey
// still to answer. Opened from 我的反映 and from the status subscribe message (?no=).
const complaints = require('../../services/complaints');
const format = require('../../utils/format');

const OPEN = ['RECEIVED', 'REGISTERED', 'DISPATCHED', 'HANDLED', 'VERIFIED', 'REOPENED'];

Component({
  data: { loading: true, error: '', view: null, photos: [], steps: [], deadline: '', late: false, survey: null },
  methods: {
    onLoad(query) {
      this.trackingNo = query.no;
      this.load();
    },
    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh());
    },
    load() {
      this.setData({ loading: true, error: '' });
      return complaints
        .one(this.trackingNo)
        .then((c) => {
          const open = OPEN.indexOf(c.status) >= 0;
          this.setData({
            loading: false,
            view: {
              trackingNo: c.trackingNo,
              categoryName: c.categoryName,
              statusLabel: c.statusLabel,
              description: c.description || '',
              address: c.address || '',
              stationName: c.stationName || '',
              createdAt: format.time(c.createdAt),
              followers: c.followers || 0,
              following: !!c.following,
            },
            deadline: open && c.deadline ? format.time(c.deadline) + '(' + format.deadline(c.deadline) + ')' : '',
            late: open && !!c.deadline && Date.parse(c.deadline) < Date.now(),
            steps: (c.timeline || []).slice().reverse().map((s, i) => ({
              key: i,
              at: format.time(s.at),
              statusLabel: s.statusLabel,
              by: s.by,
              note: s.note || '',
              photos: [],
              photoUrls: s.photos || [],
            })),
            survey: c.survey && c.survey.status !== 'ANSWERED' ? c.survey : null,
          });
          return this.loadPhotos(c.photos || []);
        })
        .catch((e) => this.setData({ loading: false, error: e.status === 404 ? '没有找到这条反映' : e.message }));
    },
    /** Before photos of the report and after photos of each step, fetched one by one with the session. */
    loadPhotos(before) {
      const fetchAll = (urls) => Promise.all(urls.map((u) => complaints.photo(u).catch(() => '')));
      const afters = this.data.steps.map((s, i) =>
        s.photoUrls.length ? fetchAll(s.photoUrls).then((files) => this.setData({ ['steps[' + i + '].photos']: files.filter(Boolean) })) : null
      );
      return Promise.all([fetchAll(before).then((files) => this.setData({ photos: files.filter(Boolean) }))].concat(afters.filter(Boolean)));
    },
    preview(e) {
      wx.previewImage({ current: e.currentTarget.dataset.src, urls: e.currentTarget.dataset.all });
    },
    answerSurvey() {
      wx.navigateTo({ url: '/pages/survey/index?id=' + this.data.survey.id });
    },
  },
});
