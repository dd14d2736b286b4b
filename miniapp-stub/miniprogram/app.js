// The pages log in on their first call that needs it (utils/request.js); nothing to do at launch
// but to note whether the phone is offline, so the first page can say so.
App({
  onLaunch() {
    wx.onNetworkStatusChange((res) => {
      if (!res.isConnected) {
        wx.showToast({ title: '网络已断开', icon: 'none' });
      }
    });
  },
});
