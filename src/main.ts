import { startGateway } from './app.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { logger } from './platform/logger.js';

/** Reads the configuration, starts the gateway, and stops it cleanly on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const gateway = await startGateway(config);
  console.log(`\n  Folio is up. GraphiQL: ${gateway.url}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    gateway.close().then(() => process.exit(0), (error) => { logger.error({ err: error }, 'shutdown failed'); process.exit(1); });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(`Folio: configuration error: ${error.message}`);
  else console.error('Folio failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
