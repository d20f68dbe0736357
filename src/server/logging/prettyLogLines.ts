/** Where log text goes: stdout, a file stream, a test's buffer. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * A log destination for people (`npm start`, `TILL_LOG_FORMAT=pretty`): each JSON line as
 * `12:04:31 INFO  POST /v1/checkout_sessions 201 12.3ms req_…`, other fields as `name=value`, an error's stack below.
 * Written here rather than taken from pino-pretty: our lines have a handful of known fields, and this is
 * thirty lines against a dozen more packages.
 */
export function prettyLogLines(out: TextSink = process.stdout): TextSink {
  return {
    write(line: string) {
      out.write(`${formatLine(line)}\n`);
    },
  };
}

function formatLine(line: string): string {
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(line);
  } catch {
    return line.trimEnd();
  }
  const { time, level, msg, err, pid: _pid, hostname: _hostname, ...rest } = fields;
  const clock = typeof time === 'string' ? time.slice(11, 19) : '';
  const head = `${clock} ${String(level).toUpperCase().padEnd(5)}`;
  let text: string;
  if (msg === 'request') {
    const { method, route, status, duration_ms, request_id, ...more } = rest;
    text = `${head} ${method} ${route ?? '-'} ${status} ${duration_ms}ms ${request_id}${describe(more)}`;
  } else {
    text = `${head} ${msg ?? ''}${describe(rest)}`;
  }
  const error = err as { stack?: string; message?: string } | undefined;
  return error ? `${text}\n${error.stack ?? error.message}` : text;
}

const describe = (fields: Record<string, unknown>) =>
  Object.entries(fields)
    .map(([name, value]) => ` ${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('');
