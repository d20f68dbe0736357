/** The most seats any plan may sell in one checkout; a plan's own `max_quantity` is at most this. */
export const MAX_QUANTITY = 10_000;
