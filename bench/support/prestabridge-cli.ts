/**
 * The `prestabridge` command run from the sources (no build needed), for benchmarks that start
 * real CLI processes: `node --import tsx bench/support/prestabridge-cli.ts worker --concurrency 4`.
 */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
