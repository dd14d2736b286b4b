@NullMarked
package org.cityservice.stats;

import org.jspecify.annotations.NullMarked;
