import { describeImplementation } from './describe-implementation';
import { EXPRESS } from './start-implementation';

/** Plain JavaScript Express (CommonJS, express + axios + node-ssh), written from the lab text alone. */
describe('calibration: an Express implementation written from the lab text', () => {
  describeImplementation(EXPRESS);
});
