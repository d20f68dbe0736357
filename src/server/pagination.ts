export interface Page {
  limit: number;
  /** The last id of the previous page; ids sort by creation time. */
  cursor?: string;
}

export interface List<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/**
 * A page from rows fetched with `LIMIT limit + 1`: the extra row says whether another page exists without
 * counting.
 */
export function toList<Row, T>(rows: Row[], limit: number, idOf: (row: Row) => string, serialize: (rows: Row[]) => T[]): List<T> {
  const page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  const last = page.at(-1);
  return { data: serialize(page), has_more: hasMore, next_cursor: hasMore && last ? idOf(last) : null };
}
