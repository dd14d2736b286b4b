@NullMarked
package org.cityservice.complaint;

import org.jspecify.annotations.NullMarked;
