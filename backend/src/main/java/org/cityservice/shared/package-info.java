@NullMarked
package org.cityservice.shared;

import org.jspecify.annotations.NullMarked;
