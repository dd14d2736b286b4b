package org.cityservice.complaint;

import io.swagger.v3.oas.annotations.media.Schema;

/** One case for a resident: the full view for its reporter, the reduced one for a follower (附议). */
@Schema(oneOf = {ComplaintView.class, FollowedComplaintView.class})
sealed interface ResidentCaseView permits ComplaintView, FollowedComplaintView {}
