/** A push body refused as a whole (only the body as a whole can fail: one bad element never does). */
export type PushBodyErrorCode = 'INVALID_JSON' | 'NOT_AN_ARRAY' | 'EMPTY_BODY' | 'INVALID_ENCODING' | 'PAYLOAD_TOO_LARGE';

export class PushBodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
    /** Which refusal, for an API error code; absent on errors built elsewhere. */
    readonly code?: PushBodyErrorCode,
  ) {
    super(message);
    this.name = 'PushBodyError';
  }
}
