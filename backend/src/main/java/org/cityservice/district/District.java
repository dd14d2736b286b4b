package org.cityservice.district;

/**
 * One district (区/县/县级市) of the deployment.
 *
 * @param code four digits: the city's and the district's two digits of its GB/T 2260 administrative division code
 *             (解放区 410802 → {@code 0802}), unique within a province
 * @param name what stations, staff and residents call it, e.g. 解放区
 */
public record District(String code, String name) {}
