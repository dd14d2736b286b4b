@NullMarked
package org.cityservice.stub.wechat;

import org.jspecify.annotations.NullMarked;
