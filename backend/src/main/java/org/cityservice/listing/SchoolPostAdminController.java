package org.cityservice.listing;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.cityservice.district.Districts;
import org.cityservice.identity.StaffDirectory;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/school-posts")
@Tag(name = "管理:护学岗", description = "Staff keep the school-posts listing current (role ADMIN)")
class SchoolPostAdminController extends ListingAdminController<SchoolSafetyPost, SchoolPostRequest, SchoolPostView> {

    SchoolPostAdminController(
            ListingReader<SchoolSafetyPost, SchoolPostView> reader,
            ListingStore store,
            ListingIndex index,
            StaffDirectory staff,
            Districts districts) {
        super(reader, store, index, staff, districts);
    }
}
