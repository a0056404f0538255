import type { ErrorDetail } from '../errors';

/** The checks of POST /events in the order the pipeline runs them (create-webhook-app.ts). */
export const EVENT_STAGES = [
  'allow-list',
  'rate limit',
  'content type',
  'body',
  'authentication',
  'JSON',
  'schema',
  'duplicate',
  'handler',
  'journal',
] as const;
export type StageName = (typeof EVENT_STAGES)[number] | 'route';

export type StageOutcome = 'passed' | 'failed' | 'off' | 'not reached' | 'duplicate';

export interface StageView {
  name: StageName;
  outcome: StageOutcome;
  /** What happened, in a sentence. */
  detail: string;
  /** One line per failing field (schema) or per problem. */
  details?: ErrorDetail[];
}

/** What the stage list needs to know about the server's configuration. */
export interface PipelineSettings {
  ipAllowlist: readonly string[];
  rateLimitPerMin: number;
  token: boolean;
  secret: boolean;
  bodyLimitBytes: number;
}

/** Why a request failed, as its answer told it. */
export interface Failure {
  code: string;
  message: string;
  details: ErrorDetail[];
}
