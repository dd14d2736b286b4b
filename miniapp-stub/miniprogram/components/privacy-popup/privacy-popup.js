// WeChat's privacy authorisation: when a page first uses location, photos or the phone number,
// WeChat asks us (wx.onNeedPrivacyAuthorization) to show our guide; the resident agrees or not.
// Nothing is asked for before the step that needs it.
Component({
  data: { visible: false },
  lifetimes: {
    attached() {
      if (wx.onNeedPrivacyAuthorization) {
        wx.onNeedPrivacyAuthorization((resolve) => {
          this.resolve = resolve;
          this.setData({ visible: true });
        });
      }
    },
  },
  methods: {
    openGuide() {
      if (wx.openPrivacyContract) {
        wx.openPrivacyContract({});
      }
    },
    agreed() {
      this.answer('agree');
    },
    refuse() {
      this.answer('disagree');
    },
    answer(event) {
      if (this.resolve) {
        this.resolve(event === 'agree' ? { buttonId: 'privacy-agree', event } : { event });
        this.resolve = null;
      }
      this.setData({ visible: false });
    },
  },
});
