export {
  beginIdempotentRequest,
  completeIdempotentRequest,
  type IdempotencyStart,
  releaseIdempotencyKey,
  requestFingerprint,
} from "./idempotency.ts";
