import { modules } from '../../src/modules.js';

/** The README's table of the events to the broker, from every module's declared specs. */
export function renderBrokerEvents(): string {
  const lines = ['| subject | schema | outbox type | payload |', '| --- | --- | --- | --- |'];
  for (const [type, spec] of modules.brokerEvents()) lines.push(`| \`${spec.subject}\` | v${spec.version} | \`${type}\` | ${spec.description} |`);
  return lines.join('\n');
}
