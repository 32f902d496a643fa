package dev.chime.http;

/** Where a page sits in a listing: {@code hasNext} when more rows follow it. */
record Pagination(long total, int offset, int limit, boolean hasNext) {}
