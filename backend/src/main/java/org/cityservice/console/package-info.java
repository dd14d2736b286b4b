@NullMarked
package org.cityservice.console;

import org.jspecify.annotations.NullMarked;
