@NullMarked
package org.cityservice.stub.sms;

import org.jspecify.annotations.NullMarked;
