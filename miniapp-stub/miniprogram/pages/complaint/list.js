// 我的反映: the cases I reported (or follow), newest first; pull to refresh, scroll for more.
const complaints = require('../../services/complaints');
const format = require('../../utils/format');

const OPEN = ['RECEIVED', 'REGISTERED', 'DISPATCHED', 'HANDLED', 'VERIFIED', 'REOPENED'];
const SIZE = 20;

function row(c) {
  const open = OPEN.indexOf(c.status) >= 0;
  const late = open && c.deadline && Date.parse(c.deadline) < Date.now();
  return {
    trackingNo: c.trackingNo,
    categoryName: c.categoryName,
    statusLabel: c.statusLabel,
    statusClass: late ? 'badge-late' : open ? 'badge-warn' : 'badge-open',
    createdAt: format.time(c.createdAt),
    description: c.description || '',
  };
}

Component({
  data: { segment: 'mine', rows: [], total: 0, page: 0, loading: true, loadingMore: false, error: '' },
  methods: {
    onLoad() {
      this.reload();
    },
    onShow() {
      if (this.loadedOnce) {
        this.reload();
      }
    },
    onPullDownRefresh() {
      return this.reload().then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      if (!this.data.loadingMore && this.data.rows.length < this.data.total) {
        return this.fetch(this.data.page + 1);
      }
      return Promise.resolve();
    },
    switchSegment(e) {
      const segment = e.currentTarget.dataset.segment;
      if (segment !== this.data.segment) {
        this.setData({ segment, rows: [] });
        this.reload();
      }
    },
    reload() {
      this.setData({ loading: true, error: '' });
      return this.fetch(1);
    },
    fetch(page) {
      this.setData({ loadingMore: page > 1 });
      const source = this.data.segment === 'mine' ? complaints.mine : complaints.following;
      return source(page, SIZE)
        .then((answer) => {
          this.loadedOnce = true;
          const rows = answer.items.map(row);
          this.setData({ rows: page === 1 ? rows : this.data.rows.concat(rows), total: answer.total, page, loading: false, loadingMore: false });
        })
        .catch((e) => {
          if (page === 1) {
            this.setData({ loading: false, loadingMore: false, error: e.message });
          } else {
            this.setData({ loadingMore: false });
            wx.showToast({ title: e.message, icon: 'none' });
          }
        });
    },
    open(e) {
      wx.navigateTo({ url: '/pages/complaint/detail?no=' + e.currentTarget.dataset.no });
    },
    report() {
      wx.switchTab({ url: '/pages/report/index' });
    },
  },
});
