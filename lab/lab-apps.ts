import type { ServerName } from '../servers/lib/config/load-config';
import type { ServerDeps } from '../servers/lib/server/run-server';
import type { WebhookApp } from '../servers/lib/pipeline/create-webhook-app';
import { buildApp as buildBasicApp } from '../servers/basic/app';
import { buildApp as buildJokeApp } from '../servers/joke/app';
import { buildApp as buildCardApp } from '../servers/card/app';
import { buildApp as buildNetworkApp } from '../servers/network/app';

/**
 * Every webhook server of the lab by name, and how to build its app: for whatever runs them in
 * one process (the in-process lab, the grader, the bench). Without `deps.env` the network server
 * has DEVICE_* only, no inventory secrets from the environment.
 */
export const LAB_APPS: Record<ServerName, (deps: ServerDeps) => WebhookApp> = {
  basic: buildBasicApp,
  joke: buildJokeApp,
  card: buildCardApp,
  network: buildNetworkApp,
};
