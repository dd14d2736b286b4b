// 附近: stations, vending zones and school posts near the resident, on a map and in a list.
const places = require('../../services/places');
const format = require('../../utils/format');
const { CITY_CENTRE } = require('../../config');

const NO_LOCATION = '未获得您的位置,正在显示焦作市中心附近。可点“选择位置”指定地点。';

function row(kindKey, item) {
  const p = item.place;
  const a = p.availability || {};
  let extra = '';
  if (kindKey === 'vending-zones') {
    extra = p.kindLabel + (p.goods && p.goods.length ? ' · ' + p.goods.join('、') : '');
  } else if (kindKey === 'school-posts') {
    extra = p.schoolName + (p.dutyWindows ? ' · ' + p.dutyWindows.join('、') : '');
  } else {
    extra = (p.services || []).slice(0, 3).join('、');
  }
  return {
    id: p.id,
    name: p.name,
    address: p.address,
    distance: format.distance(item.distance),
    open: !!a.openNow,
    badge: a.openNow ? (kindKey === 'school-posts' ? '执勤中' : '开放中') : kindKey === 'school-posts' ? '未执勤' : '已关闭',
    summary: a.summary || '',
    extra,
    latitude: p.location.lat,
    longitude: p.location.lng,
  };
}

Component({
  data: {
    tabs: places.KINDS,
    active: 'stations',
    zoneKinds: places.ZONE_KINDS,
    zoneKindIndex: 0,
    goods: '',
    openNow: false,
    location: null,
    locationNote: '',
    rows: [],
    markers: [],
    loading: true,
    error: '',
  },
  methods: {
    onLoad() {
      this.locate();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    locate() {
      this.setData({ loading: true, error: '' });
      wx.getLocation({
        type: 'gcj02',
        success: (res) => {
          this.setData({ location: { latitude: res.latitude, longitude: res.longitude }, locationNote: '' });
          this.load();
        },
        fail: () => {
          this.setData({ location: { latitude: CITY_CENTRE.latitude, longitude: CITY_CENTRE.longitude }, locationNote: NO_LOCATION });
          this.load();
        },
      });
    },
    chooseLocation() {
      const here = this.data.location || CITY_CENTRE;
      wx.chooseLocation({
        latitude: here.latitude,
        longitude: here.longitude,
        success: (res) => {
          this.setData({ location: { latitude: res.latitude, longitude: res.longitude }, locationNote: '' });
          this.load();
        },
      });
    },
    switchTab(e) {
      const key = e.currentTarget.dataset.key;
      if (key !== this.data.active) {
        this.setData({ active: key, rows: [], markers: [] });
        this.load();
      }
    },
    toggleOpenNow(e) {
      this.setData({ openNow: !!e.detail.value });
      this.load();
    },
    zoneKindChange(e) {
      this.setData({ zoneKindIndex: Number(e.detail.value) });
      this.load();
    },
    goodsInput(e) {
      this.setData({ goods: e.detail.value });
    },
    goodsConfirm() {
      this.load();
    },
    load() {
      const { active, location, openNow, zoneKinds, zoneKindIndex, goods } = this.data;
      if (!location) {
        return Promise.resolve();
      }
      this.setData({ loading: true, error: '' });
      return places
        .nearby(active, { latitude: location.latitude, longitude: location.longitude, openNow, zoneKind: zoneKinds[zoneKindIndex].value, goods })
        .then((answer) => {
          const rows = answer.items.map((item) => row(active, item));
          const markers = rows.map((r, i) => ({ id: i, latitude: r.latitude, longitude: r.longitude, title: r.name, width: 28, height: 36 }));
          this.setData({ rows, markers, loading: false });
        })
        .catch((e) => this.setData({ loading: false, error: e.message, rows: [], markers: [] }));
    },
    openRow(e) {
      this.open(e.currentTarget.dataset.id);
    },
    markerTap(e) {
      const r = this.data.rows[e.detail.markerId];
      if (r) {
        this.open(r.id);
      }
    },
    open(id) {
      wx.navigateTo({ url: '/pages/place/detail?kind=' + this.data.active + '&id=' + encodeURIComponent(id) });
    },
  },
});
