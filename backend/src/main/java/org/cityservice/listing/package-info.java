@NullMarked
package org.cityservice.listing;

import org.jspecify.annotations.NullMarked;
