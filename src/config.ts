import { loadPlatformConfig, type Config } from './platform/config.js';
import { modules } from './modules.js';

export { ConfigError, type Config } from './platform/config.js';

/** Reads the whole configuration, platform's and every module's; throws ConfigError naming the variable that is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return modules.config(loadPlatformConfig(env), env);
}
