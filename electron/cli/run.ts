// Entry used when Node needs --experimental-strip-types (Node 22.12 to 22.17); see bin/keel.js.
import { main } from './keel.ts';

process.exitCode = await main(process.argv.slice(2));
