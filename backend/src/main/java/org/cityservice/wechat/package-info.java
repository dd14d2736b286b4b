@NullMarked
package org.cityservice.wechat;

import org.jspecify.annotations.NullMarked;
