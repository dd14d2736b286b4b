@NullMarked
package org.cityservice.open311;

import org.jspecify.annotations.NullMarked;
