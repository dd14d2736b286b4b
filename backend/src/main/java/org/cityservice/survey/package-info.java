@NullMarked
package org.cityservice.survey;

import org.jspecify.annotations.NullMarked;
