package org.cityservice.listing;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityservice.district.Districts;
import org.cityservice.identity.StaffDirectory;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/vending-zones")
@Tag(name = "管理:疏导点", description = "Staff keep the vending-zones listing current (role ADMIN)")
class VendingZoneAdminController extends ListingAdminController<VendingZone, VendingZoneRequest, VendingZoneView> {

    VendingZoneAdminController(
            ListingReader<VendingZone, VendingZoneView> reader,
            ListingStore store,
            ListingIndex index,
            StaffDirectory staff,
            Districts districts) {
        super(reader, store, index, staff, districts);
    }
}
