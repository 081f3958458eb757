import { CliError, EXIT_CODES } from './exit-codes.js';

type Issue = { path?: unknown; message?: unknown };

/** What the server said was wrong, field by field, on the same line: `/text must be string; …`. */
function issuesText(issues: unknown): string {
  if (!Array.isArray(issues) || issues.length === 0) return '';
  const said = (issues as Issue[])
    .slice(0, 5)
    .map((issue) => `${typeof issue.path === 'string' && issue.path !== '' ? `${issue.path} ` : ''}${String(issue.message ?? '')}`.trim());
  return `: ${said.join('; ')}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`;
}

/** The server answered with an error; `body` is its `{error, message, issues?, …}`. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string; issues?: unknown },
  ) {
    const issues = issuesText(body.issues);
    const message = body.message ?? 'The server refused the request.';
    super(EXIT_CODES.refused, `${issues ? message.replace(/\.$/, '') + issues : message} (${status}${body.error ? ` ${body.error}` : ''})`);
    this.name = 'ApiError';
  }
}

/** No answer at all: nothing listening, an unknown host, a broken connection. */
export class ServerUnreachableError extends CliError {
  constructor(url: string, reason: string, cause: unknown) {
    super(EXIT_CODES.unreachable, `Cannot reach ${url} (${reason}). Is the server running? Check --url, SPELL_URL or \`spell login --url\`.`, { cause });
    this.name = 'ServerUnreachableError';
  }
}

/** A server and the key the CLI calls it with. */
export interface ApiTarget {
  url: string;
  apiKey: string;
}

export interface RequestBody {
  json?: unknown;
  wasm?: Uint8Array;
  /** Sent as multipart/form-data (fetch sets the boundary). */
  form?: FormData;
}

/** Why fetch failed, as the person running the command would want to read it. */
function failureReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** One API call: JSON in and out, an `ApiError` for any error answer. */
export async function callApi(target: ApiTarget, method: string, path: string, body: RequestBody = {}): Promise<unknown> {
  const headers: Record<string, string> = { authorization: `Bearer ${target.apiKey}`, accept: 'application/json' };
  let payload: string | Uint8Array | FormData | undefined;
  if (body.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body.wasm) {
    headers['content-type'] = 'application/wasm';
    payload = body.wasm;
  } else if (body.form) {
    payload = body.form;
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${target.url}${path}`, { method, headers, ...(payload !== undefined && { body: payload }) });
    text = await response.text();
  } catch (error) {
    throw new ServerUnreachableError(target.url, failureReason(error), error);
  }
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      // A proxy's HTML error page, or not a Spell Platform server at all.
      throw new ApiError(response.status, { message: `The server at ${target.url} answered ${path} with something other than JSON.` });
    }
  }
  if (!response.ok) throw new ApiError(response.status, typeof parsed === 'object' && parsed !== null ? parsed : {});
  return parsed;
}
