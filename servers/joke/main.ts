import 'dotenv/config';
import { runServer } from '../lib/server/run-server';
import { buildApp } from './app';

void runServer('joke', process.env, buildApp);
