package org.cityservice.listing;

/** What staff send to create or replace a listing; the id comes from the path or is given out. */
interface ListingRequest<T extends Listing> {

    /** Contact phones: mobile, landline with area code, or a short hotline such as 12319. */
    String PHONE = "^(\\+86)?(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}|\\d{5,6})$";

    String PHONE_MESSAGE = "电话号码格式不正确,例如 13912345678、0391-3568123 或 12319";
    /** Opening-hour ranges on one day: two or three in practice; see {@link MaxRangesPerDay}. */
    int MAX_RANGES_PER_DAY = 8;

    /** The district the listing is in: decides which dispatcher may create it. */
    String district();

    T toListing(String id);
}
