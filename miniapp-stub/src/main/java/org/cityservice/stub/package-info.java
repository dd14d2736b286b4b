@NullMarked
package org.cityservice.stub;

import org.jspecify.annotations.NullMarked;
