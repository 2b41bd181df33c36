import { parseArgs } from 'node:util';
import path from 'node:path';
import { BASE_ROLES, type BaseRole } from '../../src/model/roles.ts';
import { BackupFileError, RestoreError, TargetNotEmptyError, restoreBackupFile, writeBackupFile } from '../backup/index.ts';
import { ConfigError, loadConfig } from '../config.ts';
import {
  AccountError,
  createUnit,
  createUser,
  disableUser,
  generatePassword,
  listUsers,
  moveUser,
  resetPassword,
} from '../services/accounts.ts';
import type { Store } from '../store/types.ts';
import type { AuditAction } from '../../src/model/audit.ts';
import { AuditLog } from '../services/audit.ts';
import { ConnectError, type ConnectionMode, connect } from './connect.ts';
import { createHub, listHubs, revokeHub } from '../hub/grant.ts';
import { hubAccountName, hubSpaceSpec } from '../../src/model/hub.ts';

export const EXIT = { ok: 0, usage: 1, notFound: 2, exists: 3, unavailable: 4, failed: 5, damaged: 6 } as const;

const HELP = `Docket admin — manage units and accounts; back up and restore.

Usage: npm run admin -- <command> [options]

Commands:
  create-unit <id> --name "<name>" [--short <abbr>]
      Add a unit (id: lowercase slug, e.g. "kt") and its space.
  create-user <name> --role staff|clerk|leader|admin [--unit <id>] [--head]
              --display-name "<name>" [--title "<position>"] [--password <pw>]
      Add an account (name: lowercase, e.g. "an.nguyen"). Staff and clerks need --unit.
      Without --password one is generated and printed once.
  reset-password <name> [--password <pw>]
      Set a new password (generated and printed when omitted).
  disable-user <name>
      Revoke all access at once: roles cleared, removed from every space, including its own.
  move-user <name> --unit <id>
      Move an account to another unit; the old unit's space disappears from its devices.
  list-users [--json]
      All accounts with role, unit and status.
  create-hub <name> --spaces org,registry,unit:<id>[,…]
      Let a field hub (another Docket server on a local network) replicate these spaces and the personal
      spaces of the granted units' members; prints the hub's HUB_NAME and HUB_PASSWORD once.
  list-hubs
      Hubs and their spaces.
  revoke-hub <name>
      End a hub's access at once (it keeps only what it already holds).
  backup <file>
      Save every space, its files, the accounts (with their password hashes: keep the file as safe as
      the server) and the numbering records into one gzip'd NDJSON file (docs/backup-format.md).
      Works while the server runs. Progress on stderr.
  restore <file> [--force]
      Restore a backup into an empty store: a new DATA_DIR (stop the server first) or an empty
      CouchDB. The whole file is checked first: a damaged or truncated file is refused (exit 6) and
      nothing is written. --force merges into a store that holds data (nothing there is removed).

Where the data is: with COUCHDB_URL set, the CLI talks to that CouchDB. Otherwise, when a Docket
server is running on DATA_DIR (it leaves DATA_DIR/server.json), the CLI talks to it over HTTP as
the server admin, because leveldb lets only one process open the store; when no server runs, it
opens the store in DATA_DIR directly. It reads the same environment as the server (DATA_DIR,
COUCHDB_URL, ADMIN_USER, ADMIN_PASSWORD).

Exit codes: 0 ok, 1 usage or invalid input, 2 not found, 3 already exists (restore: the target
is not empty), 4 store unavailable, 5 unexpected error, 6 damaged or truncated backup file.
`;

class UsageError extends Error {}

const OPTIONS = {
  name: { type: 'string' },
  short: { type: 'string' },
  unit: { type: 'string' },
  role: { type: 'string' },
  head: { type: 'boolean' },
  'display-name': { type: 'string' },
  title: { type: 'string' },
  password: { type: 'string' },
  json: { type: 'boolean' },
  spaces: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function need(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`Missing ${flag}.`);
  return value;
}

function onePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`Expected exactly one ${what}.`);
  return positionals[0]!;
}

/** Account changes made with the CLI go into the audit log too (actor `cli`). */
const auditCli = (store: Store, action: AuditAction, target: string, summary: string): Promise<unknown> =>
  new AuditLog(store).record({ actor: 'cli', action, target, summary });

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;
const progressLine = (line: string) => process.stderr.write(line + '\n');

async function run(
  command: string,
  positionals: string[],
  v: Values,
  store: Store,
  out: (line: string) => void,
  mode: ConnectionMode,
): Promise<void> {
  switch (command) {
    case 'backup': {
      const file = path.resolve(onePositional(positionals, 'backup file'));
      const r = await writeBackupFile(store, file, {
        onProgress: (p) => {
          if (p.done) progressLine(`backup: [${p.index}/${p.total}] ${p.db}: ${p.dbDocs} document(s)`);
        },
      });
      out(
        `Backup written to ${file}: ${Object.keys(r.databases).length} databases, ${r.documents} documents, ` +
          `${r.attachments} attachments (${mb(r.attachmentBytes)}), ${mb(r.bytes)} compressed, in ${(r.ms / 1000).toFixed(1)} s.`,
      );
      out(`SHA-256 of the content: ${r.sha256}`);
      return;
    }
    case 'restore': {
      const file = path.resolve(onePositional(positionals, 'backup file'));
      if (mode === 'server')
        throw new UsageError('A Docket server is running on this DATA_DIR: stop it, then restore (into an empty DATA_DIR).');
      progressLine(`restore: checking ${file}…`);
      const r = await restoreBackupFile(store, file, {
        force: v.force,
        onProgress: (p) => {
          if (p.done) progressLine(`restore: [${p.index}/${p.total}] ${p.db}: ${p.documents}/${p.totalDocuments} document(s)`);
        },
      });
      out(
        `Restored ${r.databases} databases, ${r.documents} documents, ${r.attachments} attachments (${mb(r.attachmentBytes)}) ` +
          `from a backup of ${r.header.createdAt} (Docket ${r.header.server.version}, ${r.header.store} store) in ${(r.ms / 1000).toFixed(1)} s.`,
      );
      if (r.keptDesignDocs)
        out(`${r.keptDesignDocs} design document(s) the target already had were kept (setup updates them when the server starts).`);
      return;
    }
    case 'create-unit': {
      const unitId = onePositional(positionals, 'unit id');
      const unit = await createUnit(store, { unitId, name: need(v.name, '--name'), shortName: v.short });
      await auditCli(store, 'unitCreated', unit.unitId, `Created unit ${unit.unitId} (${unit.name}, ${unit.shortName})`);
      out(`Created unit ${unit.unitId} (${unit.name}, ${unit.shortName}).`);
      return;
    }
    case 'create-user': {
      const name = onePositional(positionals, 'account name');
      const role = need(v.role, '--role');
      if (!(BASE_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${BASE_ROLES.join(', ')}.`);
      const password = v.password ?? generatePassword();
      await createUser(
        store,
        {
          name,
          role: role as BaseRole,
          unitId: v.unit,
          head: v.head,
          displayName: need(v['display-name'], '--display-name'),
          title: v.title,
          password,
        },
        { oneTime: !v.password }, // a generated password is handed over once: its owner replaces it
      );
      await auditCli(
        store,
        'userCreated',
        name,
        `Created account ${name} (${role}${v.unit ? `, unit ${v.unit}` : ''}${v.head ? ', head' : ''})`,
      );
      out(`Created account ${name} (${role}${v.unit ? `, unit ${v.unit}` : ''}${v.head ? ', head' : ''}).`);
      if (!v.password) out(`Password: ${password}`);
      return;
    }
    case 'reset-password': {
      const name = onePositional(positionals, 'account name');
      const password = v.password ?? generatePassword();
      await resetPassword(store, name, password, { oneTime: !v.password });
      await auditCli(store, 'passwordReset', name, `Reset the password of ${name}${v.password ? '' : ' (one-time password)'}`);
      out(`Password of ${name} reset${v.password ? '' : '; it is one-time: the user chooses a new one at the next sign-in'}.`);
      if (!v.password) out(`Password: ${password}`);
      return;
    }
    case 'disable-user': {
      const name = onePositional(positionals, 'account name');
      await disableUser(store, name);
      await auditCli(store, 'userDisabled', name, `Disabled account ${name}`);
      out(`Account ${name} disabled: it can no longer read or write any space.`);
      return;
    }
    case 'move-user': {
      const name = onePositional(positionals, 'account name');
      const unit = need(v.unit, '--unit');
      await moveUser(store, name, unit);
      await auditCli(store, 'userMoved', name, `Moved ${name} to unit ${unit}`);
      out(`Account ${name} moved to unit ${unit}.`);
      return;
    }
    case 'list-users': {
      if (positionals.length) throw new UsageError('list-users takes no arguments.');
      const users = await listUsers(store);
      if (v.json) {
        out(JSON.stringify(users, null, 2));
        return;
      }
      for (const u of users) {
        const role = u.isHead ? `${u.role},head` : u.role;
        out(
          `${u.name.padEnd(16)} ${role.padEnd(13)} ${(u.unitId ?? '-').padEnd(10)} ${u.disabled ? 'DISABLED ' : ''}${u.displayName}${u.title ? ` — ${u.title}` : ''}`,
        );
      }
      out(`${users.length} account(s).`);
      return;
    }
    case 'create-hub': {
      const slug = onePositional(positionals, 'hub name');
      const specs = need(v.spaces, '--spaces')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const hub = await createHub(store, slug, specs, 'cli');
      const spaces = hub.spaces.map(hubSpaceSpec).join(', ');
      await auditCli(store, 'userCreated', hub.name, `Created field hub ${hub.name} (${spaces})`);
      out(`Created hub ${hub.name} with ${spaces}. On the hub, set (shown once):`);
      out(`  UPSTREAM_URL=<this server's address>  HUB_NAME=${hub.name}  HUB_PASSWORD=${hub.password}`);
      return;
    }
    case 'list-hubs': {
      if (positionals.length) throw new UsageError('list-hubs takes no arguments.');
      const hubs = await listHubs(store);
      for (const h of hubs) out(`${h.name.padEnd(24)} ${h.spaces.join(', ')}${h.createdAt ? `  (since ${h.createdAt.slice(0, 10)})` : ''}`);
      out(`${hubs.length} hub(s).`);
      return;
    }
    case 'revoke-hub': {
      const slug = onePositional(positionals, 'hub name');
      await revokeHub(store, slug);
      await auditCli(store, 'userDisabled', hubAccountName(slug), `Revoked field hub ${hubAccountName(slug)}`);
      out(`Hub ${hubAccountName(slug)} revoked: its next request is refused.`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(line + '\n');
  const fail = (code: number, msg: string) => {
    process.stderr.write(`admin: ${msg}\n`);
    return code;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    return fail(EXIT.usage, `${(err as Error).message}\nRun with --help for usage.`);
  }
  const [command, ...positionals] = parsed.positionals;
  if (parsed.values.help || !command || command === 'help') {
    process.stdout.write(HELP);
    return command || parsed.values.help ? EXIT.ok : EXIT.usage;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) return fail(EXIT.usage, err.message);
    throw err;
  }
  let connection;
  try {
    connection = await connect(config);
  } catch (err) {
    return fail(EXIT.unavailable, err instanceof ConnectError ? err.message : String(err));
  }
  try {
    await run(command, positionals, parsed.values, connection.store, out, connection.mode);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError) return fail(EXIT.usage, `${err.message}\nRun with --help for usage.`);
    if (err instanceof BackupFileError) return fail(EXIT.damaged, `cannot restore this file: ${err.message}`);
    if (err instanceof TargetNotEmptyError) return fail(EXIT.exists, err.message);
    if (err instanceof RestoreError) return fail(EXIT.failed, err.message);
    if (err instanceof AccountError)
      return fail(err.code === 'not_found' ? EXIT.notFound : err.code === 'exists' ? EXIT.exists : EXIT.usage, err.message);
    return fail(EXIT.failed, `unexpected error: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await connection.store.close().catch(() => undefined);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`admin: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(EXIT.failed);
  },
);
