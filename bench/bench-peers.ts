import { barePeer, bareClassesPeer, basicPeer, fastapiPeer, floorPeer, type AckPeer } from './ack-peers';
import { adnanhWebhookPeer } from './webhook-peer';

/** The peers of `npm run bench`'s short rounds, in the order they take turns. */
export function defaultAckPeers(options: { python?: string } = {}): AckPeer[] {
  return [basicPeer(), barePeer(), fastapiPeer(options.python), adnanhWebhookPeer(), floorPeer(), bareClassesPeer()];
}

/** The peers of the sustained run: the basic server, what it must stay ahead of, and the floor. */
export function sustainedPeers(): AckPeer[] {
  return [basicPeer(), barePeer(), adnanhWebhookPeer(), floorPeer()];
}
