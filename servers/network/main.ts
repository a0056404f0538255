import 'dotenv/config';
import { runServer } from '../lib/run-server';
import { buildApp } from './app';

void runServer('network', process.env, buildApp);
