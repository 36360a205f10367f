import 'reflect-metadata';
import { AppConfig, ConfigError } from './config/app-config.js';

async function main(): Promise<void> {
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
  const app = await createApp();
  await app.listen(config.port);
  process.stdout.write(`UN Business Seminars listening on ${config.publicUrl} (port ${config.port}, ${config.database.kind})\n`);
}

main().catch((error) => {
  process.stderr.write(`Start-up failed: ${(error as Error).message}\n`);
  process.exit(1);
});
