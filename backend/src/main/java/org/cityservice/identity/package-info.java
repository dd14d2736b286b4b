@NullMarked
package org.cityservice.identity;

import org.jspecify.annotations.NullMarked;
