@NullMarked
package org.cityservice.sms;

import org.jspecify.annotations.NullMarked;
