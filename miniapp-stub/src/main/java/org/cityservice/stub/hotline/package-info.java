@NullMarked
package org.cityservice.stub.hotline;

import org.jspecify.annotations.NullMarked;
