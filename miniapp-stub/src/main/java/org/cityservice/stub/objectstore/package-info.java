@NullMarked
package org.cityservice.stub.objectstore;

import org.jspecify.annotations.NullMarked;
