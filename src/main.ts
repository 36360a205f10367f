import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { AppConfig, ConfigError } from './config/app-config.js';

/**
 * V8 lets the old generation grow to up to 4x the live heap between full collections when collecting
 * is cheap, as it is here: the app's live heap is ~40 MB, yet under load RSS climbed from ~150 MB to
 * ~270-480 MB of garbage (npm run bench, --trace-gc). Growing by at most 50% keeps the peak under
 * ~200 MB at no measurable cost in throughput. V8 reads this flag at every collection, so setting it
 * here works without NODE_OPTIONS; an operator's own --heap-growing-percent wins.
 */
function limitHeapGrowth(): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((flag) => flag.includes('heap-growing-percent') || flag.includes('heap_growing_percent'));
  if (!given) setFlagsFromString('--heap-growing-percent=50');
}

async function main(): Promise<void> {
  limitHeapGrowth();
  let config: AppConfig;
  try {
    config = new AppConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Imported after the settings are known to be good, so a bad setting prints one line only.
  const { createApp } = await import('./bootstrap.js');
  const app = await createApp({ config });
  await app.listen(config.port);
  process.stdout.write(`UN Business Seminars listening on ${config.publicUrl} (port ${config.port}, ${config.database.kind})\n`);
}

main().catch((error) => {
  process.stderr.write(`Start-up failed: ${(error as Error).message}\n`);
  process.exit(1);
});
