// 我的: login state, phone binding, notice grants, the privacy statement, deleting the account.
const account = require('../../services/account');
const format = require('../../utils/format');
const privacy = require('../../utils/privacy');

Component({
  data: { loading: true, error: '', me: null, grants: [], busy: false, privacy: privacy.STATEMENT, showPrivacy: false },
  methods: {
    onLoad() {
      this.load();
    },
    onShow() {
      if (this.data.me) {
        this.load();
      }
    },
    load() {
      this.setData({ loading: true, error: '' });
      return Promise.all([account.me(), account.subscriptions()])
        .then(([me, grants]) => this.show(me, grants))
        .catch((e) => this.setData({ loading: false, error: e.message }));
    },
    show(me, grants) {
      this.setData({
        loading: false,
        me: { phone: me.phone || '', phoneBound: me.phoneBound, memberSince: format.time(me.memberSince) },
        grants: (grants || this.data.grants).map((g) => ({ name: g.name, label: account.TEMPLATE_LABELS[g.name] || g.name, grants: g.grants })),
      });
    },
    /** <button open-type="getPhoneNumber">: WeChat gives a one-time code only when the resident allows it. */
    phoneNumber(e) {
      if (!e.detail || !e.detail.code) {
        wx.showToast({ title: '未授权手机号', icon: 'none' });
        return Promise.resolve();
      }
      this.setData({ busy: true });
      return account
        .bindPhone(e.detail.code)
        .then((me) => {
          this.setData({ busy: false });
          this.show(me);
          wx.showToast({ title: '已绑定', icon: 'success' });
        })
        .catch((err) => {
          this.setData({ busy: false });
          wx.showModal({ title: '绑定失败', content: err.message, showCancel: false });
        });
    },
    unbindPhone() {
      return this.confirm('解除绑定手机号?', '解除后,您将无法通过短信收到办理进度和回访。').then((ok) =>
        ok ? account.unbindPhone().then((me) => this.show(me)).catch((err) => wx.showToast({ title: err.message, icon: 'none' })) : undefined
      );
    },
    subscribe() {
      return account
        .askForMessages(['status-change', 'survey', 'reminder'])
        .then((grants) => {
          if (grants) {
            this.show({ phone: this.data.me.phone, phoneBound: this.data.me.phoneBound, memberSince: null }, grants);
            this.load();
          }
        })
        .catch((err) => wx.showToast({ title: err.message, icon: 'none' }));
    },
    togglePrivacy() {
      this.setData({ showPrivacy: !this.data.showPrivacy });
    },
    deleteAccount() {
      return this.confirm('注销账号?', '将删除您的账号、手机号和通知授权,已提交的反映将匿名保留用于统计。此操作不可恢复。').then((ok) => {
        if (!ok) {
          return undefined;
        }
        return account
          .deleteAccount()
          .then(() => {
            this.setData({ me: null, grants: [] });
            wx.showToast({ title: '账号已注销', icon: 'success' });
          })
          .catch((err) => wx.showModal({ title: '注销失败', content: err.message, showCancel: false }));
      });
    },
    confirm(title, content) {
      return new Promise((resolve) => {
        wx.showModal({ title, content, confirmText: '确定', confirmColor: '#b3261e', success: (res) => resolve(!!res.confirm), fail: () => resolve(false) });
      });
    },
  },
});
