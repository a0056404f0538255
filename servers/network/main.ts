import 'dotenv/config';
import { runServer } from '../lib/server/run-server';
import { buildApp } from './app';

void runServer('network', process.env, buildApp);
