/**
 * Who may call each operation of schema.graphql: the documented policy, as each module declares it
 * for its own root fields (FolioModule.access), checked against the running gateway by
 * authorization-matrix.test.ts and printed into the README by the same test's rendering.
 * `own`: allowed, limited to the caller's own accounts, entries, wallets and payouts. Every root
 * field of the schema must have a row: a new operation without one fails the test.
 */
import { modules } from '../../src/modules.js';
import { callers, type Access } from '../../src/platform/auth/access-rows.js';

export { callers, type Access, type CallerKind } from '../../src/platform/auth/access-rows.js';

export const accessMatrix = modules.accessMatrix;

const mark: Record<Access, string> = { allow: 'yes', own: 'own', deny: '—' };

/** The matrix as the README's markdown table. */
export function renderMatrix(): string {
  const lines = [
    `| operation | ${callers.join(' | ')} |`,
    `| --- | ${callers.map(() => '---').join(' | ')} |`,
  ];
  for (const [root, fields] of Object.entries(accessMatrix)) {
    for (const [field, row] of Object.entries(fields)) {
      lines.push(`| ${root.toLowerCase()} \`${field}\` | ${callers.map((c) => mark[row[c]]).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
