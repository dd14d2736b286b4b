/**
 * 区县: the districts a deployment serves, each with the code its cases carry in their tracking numbers and their
 * keys in Redis. Stations, vending zones, school-safety posts and dispatchers name a district by its name; only
 * registered names are accepted.
 */
@NullMarked
package org.cityservice.district;

import org.jspecify.annotations.NullMarked;
