/**
 * A PGlite directory another process has open (or this one, still): said to the operator in one sentence, at start-up
 * (`Till could not start: …`) or by the CLI, rather than as a stack. Two processes each running their own Postgres over
 * the same files would each keep its own view of them, and corrupt them.
 */
export class DataDirInUseError extends Error {
  constructor(dataDir: string, holder: number | undefined) {
    super(
      holder === process.pid
        ? `The PGlite directory ${dataDir} is already open in this process (${holder}): close it first, or point DATA_DIR elsewhere`
        : `The PGlite directory ${dataDir} is in use by ${holder ? `process ${holder}` : 'another process'}: stop it first, or point DATA_DIR elsewhere`,
    );
    this.name = 'DataDirInUseError';
  }
}
