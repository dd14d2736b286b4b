// The privacy statement shown in 我的 (the same text as the 用户隐私保护指引 filed in the
// mini-program console): what is collected, why, where it is kept, and how to delete it.
module.exports = {
  STATEMENT: [
    '我们收集的信息:微信为本小程序生成的用户标识(openid);您绑定的手机号;您反映问题时填写的描述、位置和上传的照片;您的回访评价。',
    '用途:处理您反映的问题,并通过微信订阅消息或短信告诉您办理进度和回访。位置仅在查找附近服务点和标注问题位置时使用,不在后台持续获取。',
    '照片:上传前会去除拍摄位置等元数据;仅您本人和负责办理的工作人员可以查看。',
    '在您手机上保存的只有登录凭证(用于保持登录),不保存手机号、位置或照片。',
    '您可以随时在本页解除手机号绑定或注销账号;注销后账号、手机号和通知授权将被删除,已提交的反映匿名保留用于统计。',
    '如有疑问,请拨打 12345 政务服务便民热线。',
  ],
};
