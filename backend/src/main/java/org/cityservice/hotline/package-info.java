@NullMarked
package org.cityservice.hotline;

import org.jspecify.annotations.NullMarked;
