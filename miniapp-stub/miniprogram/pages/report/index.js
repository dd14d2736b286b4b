// 我要反映: what, where, photos; similar open cases nearby first (follow one instead of filing anew);
// one Idempotency-Key per draft, so a retry after a network error never files twice.
const complaints = require('../../services/complaints');
const account = require('../../services/account');
const format = require('../../utils/format');

const MAX_PHOTOS = 6;
const MAX_TEXT = 500;

function emptyDraft() {
  return { categoryIndex: -1, description: '', photos: [], formError: '', result: null, subscribeText: '' };
}

Component({
  data: Object.assign(
    {
      loading: true,
      error: '',
      categories: [],
      location: null,
      address: '',
      maxText: MAX_TEXT,
      maxPhotos: MAX_PHOTOS,
      submitting: false,
      similar: [],
      similarNote: '',
    },
    emptyDraft()
  ),
  methods: {
    onLoad() {
      this.draftKey = complaints.newDraftKey();
      this.loadCategories();
      wx.getLocation({
        type: 'gcj02',
        success: (res) => this.setData({ location: { lat: res.latitude, lng: res.longitude }, address: '' }),
        fail: () => {},
      });
    },
    loadCategories() {
      this.setData({ loading: true, error: '' });
      return complaints
        .categories()
        .then((list) => this.setData({ loading: false, categories: list.map((c) => ({ code: c.code, label: c.group + ' · ' + c.name })) }))
        .catch((e) => this.setData({ loading: false, error: e.message }));
    },
    categoryChange(e) {
      this.setData({ categoryIndex: Number(e.detail.value), formError: '' });
      this.loadSimilar();
    },
    describe(e) {
      this.setData({ description: e.detail.value.slice(0, MAX_TEXT) });
    },
    chooseLocation() {
      const here = this.data.location;
      wx.chooseLocation(
        Object.assign(here ? { latitude: here.lat, longitude: here.lng } : {}, {
          success: (res) => {
            this.setData({ location: { lat: res.latitude, lng: res.longitude }, address: [res.address, res.name].filter(Boolean).join(' ') });
            this.loadSimilar();
          },
        })
      );
    },
    loadSimilar() {
      const { categoryIndex, categories, location } = this.data;
      if (categoryIndex < 0 || !location) {
        return Promise.resolve();
      }
      return complaints
        .nearbyOpen(categories[categoryIndex].code, location.lat, location.lng)
        .then((list) =>
          this.setData({
            similarNote: '',
            similar: list.items.map((c) => ({
              trackingNo: c.trackingNo,
              text: c.categoryName + ' · ' + c.statusLabel,
              meta: format.distance(c.distance) + ' · ' + format.age(c.createdAt) + ' · ' + c.followers + ' 人附议',
              following: c.following,
              mine: c.mine,
            })),
          })
        )
        .catch(() => this.setData({ similar: [], similarNote: '暂时无法查看附近的同类问题,不影响您提交' }));
    },
    follow(e) {
      const trackingNo = e.currentTarget.dataset.no;
      return complaints
        .follow(trackingNo)
        .then(() => {
          this.setData({ similar: this.data.similar.map((c) => (c.trackingNo === trackingNo ? Object.assign({}, c, { following: true }) : c)) });
          wx.showToast({ title: '已附议', icon: 'success' });
        })
        .catch((err) => wx.showModal({ title: '未能附议', content: err.message, showCancel: false }));
    },
    choosePhotos() {
      const room = MAX_PHOTOS - this.data.photos.length;
      if (room <= 0) {
        wx.showToast({ title: '最多 ' + MAX_PHOTOS + ' 张照片', icon: 'none' });
        return;
      }
      wx.chooseMedia({
        count: room,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
        success: (res) => {
          const chosen = res.tempFiles.slice(0, room).map((f) => ({ key: f.tempFilePath + '#' + (this.photoSerial = (this.photoSerial || 0) + 1), path: f.tempFilePath, progress: 0, id: '', error: '' }));
          this.setData({ photos: this.data.photos.concat(chosen) });
          chosen.reduce((previous, photo) => previous.then(() => this.uploadPhoto(photo.key)), Promise.resolve());
        },
      });
    },
    /** Updates one photo by its key: a photo removed while others upload must not shift their results. */
    updatePhoto(key, change) {
      const index = this.data.photos.findIndex((p) => p.key === key);
      if (index < 0) {
        return;
      }
      const update = {};
      Object.keys(change).forEach((field) => (update['photos[' + index + '].' + field] = change[field]));
      this.setData(update);
    },
    uploadPhoto(key) {
      const photo = this.data.photos.find((p) => p.key === key);
      if (!photo) {
        return Promise.resolve();
      }
      this.updatePhoto(key, { error: '', progress: 0 });
      return complaints
        .uploadPhoto(photo.path, (progress) => this.updatePhoto(key, { progress }))
        .then((uploaded) => this.updatePhoto(key, { id: uploaded.id, progress: 100 }))
        .catch((e) => this.updatePhoto(key, { error: e.message }));
    },
    retryPhoto(e) {
      return this.uploadPhoto(e.currentTarget.dataset.key);
    },
    removePhoto(e) {
      const key = e.currentTarget.dataset.key;
      this.setData({ photos: this.data.photos.filter((p) => p.key !== key) });
    },
    problemOfForm() {
      const { categoryIndex, description, location, photos } = this.data;
      if (categoryIndex < 0) {
        return '请选择问题类型';
      }
      if (!description.trim()) {
        return '请描述问题';
      }
      if (!location) {
        return '请选择问题位置';
      }
      if (photos.some((p) => !p.id)) {
        return '照片还未上传完成,请稍候或删除上传失败的照片';
      }
      return '';
    },
    submit() {
      const problem = this.problemOfForm();
      if (problem) {
        this.setData({ formError: problem });
        return Promise.resolve();
      }
      const { categories, categoryIndex, description, location, address, photos } = this.data;
      const draft = {
        category: categories[categoryIndex].code,
        description: description.trim(),
        location,
        address: address || undefined,
        photos: photos.map((p) => p.id),
      };
      this.setData({ submitting: true, formError: '' });
      return complaints
        .submit(draft, this.draftKey)
        .then((filed) => {
          this.draftKey = complaints.newDraftKey();
          this.setData(Object.assign(emptyDraft(), {
            submitting: false,
            similar: [],
            result: { trackingNo: filed.trackingNo, deadline: format.time(filed.deadline), stationName: filed.stationName || '' },
          }));
        })
        .catch((e) => {
          const text = e.code === 'offline' || e.code === 'timeout' ? e.message + '。重新提交不会重复反映。' : e.message;
          this.setData({ submitting: false, formError: text });
        });
    },
    subscribe() {
      return account
        .askForMessages(['status-change', 'survey'])
        .then((held) => {
          if (!held) {
            this.setData({ subscribeText: '您没有开启通知,可稍后在“我的”中开启' });
            return;
          }
          const granted = held.filter((g) => (g.name === 'status-change' || g.name === 'survey') && g.grants > 0).length;
          this.setData({ subscribeText: granted ? '已开启通知,办理进度和回访将通过微信告诉您' : '您没有允许通知,我们将以短信告知(如已绑定手机号)' });
        })
        .catch((e) => this.setData({ subscribeText: e.message }));
    },
    viewCase() {
      wx.navigateTo({ url: '/pages/complaint/detail?no=' + this.data.result.trackingNo });
    },
    another() {
      this.setData({ result: null, subscribeText: '' });
    },
  },
});
