@NullMarked
package org.cityservice.redis;

import org.jspecify.annotations.NullMarked;
