// One place: weekly hours, closures, season, goods or services; call it or navigate there.
const places = require('../../services/places');
const format = require('../../utils/format');

Component({
  data: { loading: true, error: '', place: null, kindLabel: '', hours: [], closures: [], season: '', things: [], thingsLabel: '' },
  methods: {
    onLoad(query) {
      this.kindKey = query.kind || 'stations';
      this.id = query.id;
      this.load();
    },
    load() {
      this.setData({ loading: true, error: '' });
      return places
        .one(this.kindKey, this.id)
        .then((p) => {
          const zone = this.kindKey === 'vending-zones';
          const post = this.kindKey === 'school-posts';
          this.setData({
            loading: false,
            place: p,
            kindLabel: zone ? p.kindLabel : places.kind(this.kindKey).label,
            hours: post ? [] : format.weeklyHours(p.hours),
            duty: post ? (p.dutyWindows || []).join('、') + '(上学日)' : '',
            closures: (p.closures || []).map(format.closure),
            season: zone ? format.season(p.season) : '',
            things: zone ? p.goods || [] : post ? [] : p.services || [],
            thingsLabel: zone ? '可售商品' : '服务项目',
          });
          wx.setNavigationBarTitle({ title: p.name });
        })
        .catch((e) => this.setData({ loading: false, error: e.message }));
    },
    call() {
      wx.makePhoneCall({ phoneNumber: this.data.place.phone });
    },
    navigate() {
      const p = this.data.place;
      wx.openLocation({ latitude: p.location.lat, longitude: p.location.lng, name: p.name, address: p.address, scale: 17 });
    },
  },
});
