package org.cityservice.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A one-time code the mini-program got from WeChat ({@code wx.login}, the phone-number button). */
record WechatCodeRequest(@NotBlank @Size(max = 128) String code) {}
