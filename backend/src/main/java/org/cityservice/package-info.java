@NullMarked
package org.cityservice;

import org.jspecify.annotations.NullMarked;
