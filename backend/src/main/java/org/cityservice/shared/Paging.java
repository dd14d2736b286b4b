package org.cityservice.shared;

import java.util.List;

/** The one check of a page request: pages from 1, a size within the list's maximum, and how deep a list pages. */
public final class Paging {

    /**
     * How deep a list read from several hash tags pages (the staff lists of cases and surveys): each tag reads the
     * first {@code page × size} of its part, so deeper pages cost every master more; filters narrow such a list.
     */
    public static final int MAX_DEPTH = 10_000;

    private Paging() {}

    /** Refuses a page before the first or a size outside 1 … {@code maxSize}: {@code 400 validation-failed}. */
    public static void check(int page, int size, int maxSize) {
        if (page < 1 || size < 1 || size > maxSize) {
            throw ApiException.invalid(List.of(
                    page < 1
                            ? new FieldViolation("page", "应从 1 开始")
                            : new FieldViolation("size", "应在 1 到 " + maxSize + " 之间")));
        }
    }

    /** {@link #check}, and a page that reaches beyond the newest {@value #MAX_DEPTH} entries is refused too. */
    public static void checkWithinDepth(int page, int size, int maxSize) {
        check(page, size, maxSize);
        if ((long) page * size > MAX_DEPTH) {
            throw ApiException.invalid(List.of(new FieldViolation(
                    "page", "最多可翻到前 " + MAX_DEPTH + " 条(每页 " + size + " 条时第 " + MAX_DEPTH / size + " 页),请用筛选条件缩小范围")));
        }
    }
}
