import { parseArgs } from 'node:util';
import { insertApiKey, listApiKeys, revokeApiKey } from './apiKeys/apiKeys';
import { loadConfig, type ServerConfig } from './config';
import { insertMerchant, merchantInMode } from './merchants/merchants';
import { modeOf, type Mode } from './modes';
import { saveProcessorSettings, stripeWebhookUrl } from './payments/processorSettings';
import { stripeKeyMode } from './payments/stripe/createStripeProcessor';
import { migrate } from './store/migrate';
import { keepWebAssemblyOnBaselineCompiler } from './store/keepWebAssemblyOnBaselineCompiler';
import { openDatabase } from './store/openDatabase';
import type { Database } from './store/Database';
import { TillApiError } from './TillApiError';

const USAGE = `Usage: npm run till -- <command>

  merchants create --name <name>     a new merchant, and its first test API key
  merchants list
  merchants set-processor <merchant_id> stripe --secret-key <sk_…> --publishable-key <pk_…> --webhook-secret <whsec_…>
                                     take the payments of the keys' mode (sk_test_: test, sk_live_: live) through
                                     Stripe; the keys are stored encrypted with TILL_ENCRYPTION_KEY
  merchants set-processor <merchant_id> test [--mode test|live]
                                     back to the built-in test processor (the mode of <merchant_id> unless told)
  keys create [--mode test|live] [--merchant <id>] [--description <text>]
                                     a new API key, test unless told (the secret is printed once)
  keys list [--merchant <id>]        prefix, last 4, mode, created, last used, revoked
  keys revoke <api_key_id>           the key answers 401 from now on (a running server on the same Postgres
                                     may take it for up to 5 s more)

A merchant's test and live modes keep separate data: a key sees only its own mode's objects.
--merchant (the id 'merchants create' printed) may be left out when the store holds one merchant. The store is the server's: DATABASE_URL, or
PGlite in DATA_DIR (stop a server using that PGlite directory first: PGlite is one process's, and refuses a second).`;

type Options = {
  name?: string;
  merchant?: string;
  description?: string;
  mode?: string;
  'secret-key'?: string;
  'publishable-key'?: string;
  'webhook-secret'?: string;
};

/**
 * The operator's tool for a fresh server (issue 10): make merchants and their keys without editing SQL. It works on
 * the store directly, as the server does, and applies pending migrations first.
 */
async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      merchant: { type: 'string' },
      description: { type: 'string' },
      mode: { type: 'string' },
      'secret-key': { type: 'string' },
      'publishable-key': { type: 'string' },
      'webhook-secret': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [noun, verb, target, argument] = positionals;
  if (values.help || !noun) return print(USAGE);
  const command = `${noun} ${verb ?? ''}`.trim();
  // Before the store is opened (and, for PGlite, its directory made): a mistyped command changes nothing.
  if (!COMMANDS.has(command)) throw new CliError(`Unknown command '${command}'.\n\n${USAGE}`);
  const { config, db } = await openServerStore();
  try {
    await run(db, config, command, target, values, argument);
  } finally {
    await db.close();
  }
}

const COMMANDS = new Set(['merchants create', 'merchants list', 'merchants set-processor', 'keys create', 'keys list', 'keys revoke']);

/** The server's store, migrated; a bad variable or a store that does not answer is said in a sentence, exit code 1. */
async function openServerStore(): Promise<{ config: ServerConfig; db: Database }> {
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    throw new CliError((error as Error).message, 1);
  }
  let db: Database | undefined;
  if (!config.databaseUrl) keepWebAssemblyOnBaselineCompiler();
  try {
    db = await openDatabase(config);
    await migrate(db);
    return { config, db };
  } catch (error) {
    await db?.close().catch(() => undefined);
    throw new CliError(`The store could not be opened: ${(error as Error).message}`, 1);
  }
}

async function run(db: Database, config: ServerConfig, command: string, target: string | undefined, options: Options, argument?: string) {
  switch (command) {
    case 'merchants create': {
      if (!options.name?.trim()) throw new CliError('Give the merchant a name: merchants create --name "Acme AI".');
      const { merchantId, key } = await db.transaction(async (tx) => {
        const merchantId = await insertMerchant(tx, options.name!.trim());
        return { merchantId, key: await insertApiKey(tx, merchantId, { description: 'Created with the merchant' }) };
      });
      print(`Merchant ${merchantId} (${options.name.trim()})`);
      print(`API key  ${key.api_key_id}: ${key.secret}`);
      print('The secret is shown this once; the store keeps only its hash.');
      return;
    }
    case 'merchants list': {
      const merchants = await db.query<{ merchant_id: string; name: string; created_at: Date; live: boolean }>(
        `SELECT *, EXISTS (SELECT 1 FROM merchants live WHERE live.account_id = m.merchant_id AND live.livemode) AS live
         FROM merchants m WHERE merchant_id = account_id ORDER BY merchant_id`,
      );
      for (const merchant of merchants) {
        print(`${merchant.merchant_id}  ${merchant.created_at.toISOString()}  ${merchant.live ? 'test and live' : 'test only'}  ${merchant.name}`);
      }
      return;
    }
    case 'merchants set-processor': {
      if (!target || (argument !== 'stripe' && argument !== 'test')) {
        throw new CliError('Name the merchant and the processor: merchants set-processor <merchant_id> stripe|test (see --help).');
      }
      const business = await merchantOf(db, target);
      if (argument === 'test') {
        const merchantId = (await merchantInMode(db, business, modeOption(options.mode ?? modeOf(target))))!;
        await saveProcessorSettings(db, merchantId, { processor: 'test' }, config.encryptionKey);
        print(`Merchant ${merchantId} (${modeOf(merchantId)} mode) takes its payments through the built-in test processor.`);
        return;
      }
      const missing = (['secret-key', 'publishable-key', 'webhook-secret'] as const).filter((name) => !options[name]);
      if (missing.length > 0) throw new CliError(`Stripe needs ${missing.map((name) => `--${name}`).join(', ')} (see --help).`);
      const merchantId = (await merchantInMode(db, business, stripeKeyMode(options['secret-key']!)))!;
      const body = { processor: 'stripe', secret_key: options['secret-key'], publishable_key: options['publishable-key'], webhook_secret: options['webhook-secret'] };
      const saved = await saveProcessorSettings(db, merchantId, body, config.encryptionKey);
      print(`Merchant ${merchantId} (${modeOf(merchantId)} mode) takes its payments through Stripe, with the key ending ${saved.stripe_secret_key_last4}.`);
      print(`In Stripe's dashboard, send payment_intent.succeeded, payment_intent.payment_failed, setup_intent.succeeded and setup_intent.setup_failed to ${stripeWebhookUrl(config.publicUrl, merchantId)}`);
      return;
    }
    case 'keys create': {
      const mode = modeOption(options.mode);
      const merchantId = (await merchantInMode(db, await merchantOf(db, options.merchant), mode))!;
      const key = await insertApiKey(db, merchantId, { description: options.description?.trim() || null });
      print(`API key ${key.api_key_id}: ${key.secret}`);
      print('The secret is shown this once; the store keeps only its hash.');
      return;
    }
    case 'keys list': {
      const business = await merchantOf(db, options.merchant);
      const modes = await db.query<{ merchant_id: string }>('SELECT merchant_id FROM merchants WHERE account_id = $1 ORDER BY livemode', [business]);
      for (const { merchant_id } of modes) {
        for (let cursor: string | undefined, more = true; more; ) {
          const page = await listApiKeys(db, merchant_id, { limit: 100, cursor });
          for (const key of page.data) {
            const state = key.revoked_at ? `revoked ${key.revoked_at}` : 'active';
            print(`${key.api_key_id}  ${key.prefix}_…${key.last4 ?? '????'}  ${key.mode}  created ${key.created_at}  last used ${key.last_used_at ?? 'never'}  ${state}`);
          }
          [more, cursor] = [page.has_more, page.next_cursor ?? undefined];
        }
      }
      return;
    }
    case 'keys revoke': {
      if (!target) throw new CliError('Name the key: keys revoke <api_key_id> (see keys list).');
      const [key] = await db.query<{ merchant_id: string }>('SELECT merchant_id FROM api_keys WHERE api_key_id = $1', [target]);
      if (!key) throw new CliError(`No API key with id '${target}'.`);
      const revoked = await revokeApiKey(db, key.merchant_id, target, { allowLast: true });
      print(`Revoked ${revoked.api_key_id} at ${revoked.revoked_at}.`);
      return;
    }
    default:
      // COMMANDS names what may reach here: a name there without its case here is this file's mistake.
      throw new Error(`No case for the command '${command}'.`);
  }
}

function modeOption(mode = 'test'): Mode {
  if (mode !== 'test' && mode !== 'live') throw new CliError(`--mode is 'test' or 'live', not '${mode}'.`);
  return mode;
}

/** The business `--merchant` names (by either mode's id), or the one business there is; as the id of its test row. */
async function merchantOf(db: Database, merchantId: string | undefined): Promise<string> {
  if (merchantId) {
    const [row] = await db.query<{ account_id: string }>('SELECT account_id FROM merchants WHERE merchant_id = $1', [merchantId]);
    if (!row) throw new CliError(`No merchant with id '${merchantId}'.`);
    return row.account_id;
  }
  const merchants = await db.query<{ merchant_id: string }>('SELECT merchant_id FROM merchants WHERE merchant_id = account_id ORDER BY merchant_id LIMIT 2');
  if (merchants.length !== 1) throw new CliError(`The store holds ${merchants.length === 0 ? 'no merchant' : 'several merchants'}: say which with --merchant.`);
  return merchants[0]!.merchant_id;
}

/** What the operator can mend, said in a sentence without a stack: the command line (exit code 2), or the store's settings (1). */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

const print = (line: string) => process.stdout.write(`${line}\n`);

try {
  await main(process.argv.slice(2));
} catch (error) {
  const known = error instanceof CliError || error instanceof TillApiError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`till: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
  process.exitCode = error instanceof CliError ? error.exitCode : known ? 2 : 1;
}
