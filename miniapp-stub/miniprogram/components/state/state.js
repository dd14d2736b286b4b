// Loading, empty and error states look and read the same on every page.
Component({
  properties: {
    loading: { type: Boolean, value: false },
    error: { type: String, value: '' },
    empty: { type: Boolean, value: false },
    emptyText: { type: String, value: '暂无内容' },
    retryText: { type: String, value: '重新加载' },
  },
  methods: {
    retry() {
      this.triggerEvent('retry');
    },
  },
});
