package org.cityservice.district;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code app.districts}: the districts of the deployment, as {@code {code, name}} pairs. */
@ConfigurationProperties("app")
record DistrictProperties(@DefaultValue List<District> districts) {}
