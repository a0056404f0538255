import crypto from 'node:crypto';

/** One joke, in icanhazdadjoke's shape. */
export interface Joke {
  id: string;
  joke: string;
}

/** Where jokes come from: the public API or the bundled list; same questions, same answers. */
export interface JokeSource {
  random(): Promise<Joke>;
  /** One joke containing `term`, or undefined when none does. */
  search(term: string): Promise<Joke | undefined>;
}

const LINES = [
  'I told my router a joke about UDP. I have no idea whether it got it.',
  'My switch and I broke up. It said I kept flooding it with unknown frames.',
  'Why did the packet cross the road? Its TTL said it had exactly one hop left.',
  'I tried to write a webhook joke, but I am still waiting for someone to call me back.',
  'The cat walked across my keyboard and pushed to production. Purr review is now mandatory.',
  'My dog fetches every ball I throw. He is the only reliable API in this house.',
  'I bought a ladder for the data center. It really took the network to the next layer.',
  'Why do cows make terrible network engineers? They keep sending everything to the herd address.',
  'I asked the DNS server out to dinner. It said it would get back to me within the TTL.',
  'My plants stopped talking to me. Turns out I forgot to water the ficus and it timed out.',
  'My dad calls the router "the internet box" and reboots it by asking it nicely. It works more often than I would like.',
  'Why was the firewall so calm? It had learned to let things go, selectively.',
  'The cat refused to learn subnetting. She said she already knows her /24 naps a day.',
  'I told a joke about a broken cable. Nobody laughed; it just did not connect.',
  'My coffee machine has an API now. Every request returns 418 and a cheerful attitude.',
  'What do you call a fish that fixes routers? A network tuna-r.',
  'Dad, are we there yet? Son, we are still at hop four and the latency is terrible.',
  'Why did the bicycle refuse to join the VLAN? It was two-tired of tagging.',
  'I started a band called Port Security. We only play to one MAC address per show.',
  'My cat sends me events all night long. She has never once respected my rate limit.',
  'Why do pirates love BGP? Because every route comes with its own arrrgh-as path.',
  'I bought a sandwich with a certificate. It was signed, sealed and delicious.',
  'The spanning tree protocol and I have a lot in common: we both block out our loops.',
  'The baker quit his networking job. He kept getting his bread-crumbs and breadcrumbs mixed up.',
  'Why did the ping go to school? To reduce its echo in class.',
  'I would tell you a joke about TCP, but I would have to keep telling it until you acknowledged it.',
  'Why did the router go to therapy? It had too many unresolved neighbours.',
  'My vacuum cleaner has an uptime of three years. It really sucks at rebooting.',
  'My cat pushed my phone off the desk at 3 a.m. She calls it an out-of-band alert.',
  'The deck of cards went to a webhook meetup. It wanted to learn how to deal with events.',
  'My dad tried to fix the Wi-Fi with a hammer. He said he was just tightening the bandwidth.',
  'The kitten got a job at the help desk. Her first answer to everything is "have you tried a nap and restart".',
  'Why was the JSON so well behaved? It always knew how to close its brackets.',
  'I asked the server how it was feeling. It replied 200, but I could tell it was just being polite.',
];

/** The bundled jokes, written for this kit, used when icanhazdadjoke cannot be reached. */
export const OFFLINE_JOKES: readonly Joke[] = Object.freeze(
  LINES.map((joke, i) => Object.freeze({ id: `offline-${String(i + 1).padStart(2, '0')}`, joke })),
);

function pick<T>(items: readonly T[]): T | undefined {
  return items.length > 0 ? items[crypto.randomInt(items.length)] : undefined;
}

/**
 * The offline joke source: a random joke, or a random one containing a term (case-insensitive,
 * the way the public API's search behaves).
 */
export function createOfflineJokes(jokes: readonly Joke[] = OFFLINE_JOKES): JokeSource {
  return {
    async random() {
      const joke = pick(jokes);
      if (!joke) throw new Error('The offline joke list is empty.');
      return joke;
    },
    async search(term) {
      const needle = term.toLowerCase();
      return pick(jokes.filter((j) => j.joke.toLowerCase().includes(needle)));
    },
  };
}
