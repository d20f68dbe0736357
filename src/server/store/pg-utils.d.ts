/** node-postgres's conversion of a query parameter to the text it sends (PGlite's store sends the same). */
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): string | Buffer | null };
  export default utils;
}
