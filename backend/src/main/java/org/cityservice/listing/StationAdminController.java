package org.cityservice.listing;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityservice.district.Districts;
import org.cityservice.identity.StaffDirectory;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/stations")
@Tag(name = "管理:社区城管服务站", description = "Staff keep the stations listing current (role ADMIN)")
class StationAdminController extends ListingAdminController<CommunityStation, StationRequest, StationView> {

    StationAdminController(
            ListingReader<CommunityStation, StationView> reader,
            ListingStore store,
            ListingIndex index,
            StaffDirectory staff,
            Districts districts) {
        super(reader, store, index, staff, districts);
    }
}
