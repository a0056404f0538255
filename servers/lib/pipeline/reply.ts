/** An answer with a status other than 200, e.g. 202 Accepted for a queued job. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {}
}

export function reply(status: number, body: Record<string, unknown>, headers?: Record<string, string>): Reply {
  return new Reply(status, body, headers);
}
