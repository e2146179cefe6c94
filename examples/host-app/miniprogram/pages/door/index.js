// After 构建 npm, require('lockwire') is the plugin code from miniprogram_npm/lockwire.
const lockwire = require('lockwire');

Component({
  // Page query parameters arrive as properties; your app gets lockData from its server.
  properties: { lockData: String },
  data: { passcode: '', busy: false, step: '', ok: false, message: '' },
  methods: {
    onPasscodeInput(e) {
      this.setData({ passcode: e.detail.value });
    },
    async addPasscode() {
      this.setData({ busy: true, step: '', message: '' });
      const result = await lockwire.createCustomPasscode({
        passcode: this.data.passcode,
        startDate: 0, // 0 and 0: permanent
        endDate: 0,
        lockData: this.properties.lockData,
        onProgress: (step) => this.setData({ step }),
      });
      this.setData({
        busy: false,
        ok: result.errorCode === 0,
        message: result.errorCode === 0
          ? `Passcode ${result.passcode} added (battery ${result.electricQuantity}%)`
          : `${result.errorMsg} (${result.errorCode})`,
      });
    },
  },
});
