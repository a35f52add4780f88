/**
 * Operator commands for a building's payments, before any console screen exists for them:
 *
 *   npm run hub -- payment-account --building <id> --bin <6 digits> --bank "<name>" --account <number> --name "<ACCOUNT NAME>"
 *   npm run hub -- webhook-secret --building <id> --provider generic|sepay [--from-env <VARIABLE>]
 *
 * `payment-account` sets the receiving account that every new VietQR code of the building pays
 * into. `webhook-secret` sets the key a bank-notification provider signs with (generic: the
 * HMAC key; SePay: the API key it sends): taken from the named environment variable when the
 * provider issued it, otherwise generated here and printed once on stdout to paste into the
 * provider's settings. Log lines go to stderr so stdout can be piped.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { WebhookProvider } from '../shared/hub-api';
import { createLogger } from '../shared/logger';
import { ReceivingAccount } from '../shared/payments';
import { KiotError } from '../shared/result';
import { createHub } from './app';
import type { Hub } from './app';
import { openDatabase } from './db/connect';
import { getBuilding } from './db/residents';
import { MIN_WEBHOOK_SECRET_LENGTH } from './services/payments';

export type PaymentsCliIo = { out(line: string): void; err(line: string): void; env: Readonly<Record<string, string | undefined>> };

export const paymentCommands = ['payment-account', 'webhook-secret'] as const;
export type PaymentCommand = (typeof paymentCommands)[number];

export function isPaymentCommand(value: string | undefined): value is PaymentCommand {
  return (paymentCommands as readonly (string | undefined)[]).includes(value);
}

const USAGE = [
  'Cách dùng / Usage:',
  '  npm run hub -- payment-account --building <id> --bin <6 chữ số/digits> --bank "<tên ngân hàng/bank name>" --account <số tài khoản/number> --name "<TÊN CHỦ TÀI KHOẢN/ACCOUNT NAME>"',
  '  npm run hub -- webhook-secret --building <id> --provider generic|sepay [--from-env <BIẾN/VARIABLE>]',
].join('\n');

async function withHub<T>(database: string, io: PaymentsCliIo, work: (hub: Hub) => Promise<T>): Promise<T> {
  const logger = createLogger('payments-cli', ({ level, name, msg }) => io.err(`${level} [${name}] ${msg}`), 'warn');
  const hub = await createHub({ database, devMode: false, logger, terminal: { print: () => {} } });
  try {
    return await work(hub);
  } finally {
    await hub.close();
  }
}

async function buildingExists(database: string, buildingId: string): Promise<boolean> {
  const db = openDatabase(database);
  try {
    return (await getBuilding(db, buildingId)) !== undefined;
  } finally {
    await db.destroy();
  }
}

const noBuilding = 'Không có tòa nhà này / No building with that id';

async function setAccount(args: readonly string[], database: string, io: PaymentsCliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { building: { type: 'string' }, bin: { type: 'string' }, bank: { type: 'string' }, account: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  if (values.building === undefined) {
    io.err(USAGE);
    return 1;
  }
  const account = ReceivingAccount.safeParse({
    bankBin: values.bin,
    bankName: values.bank?.trim(),
    accountNumber: values.account?.replace(/\s+/g, ''),
    accountName: values.name?.trim().toUpperCase(),
  });
  if (!account.success) {
    io.err('Tài khoản không hợp lệ: mã ngân hàng (BIN) 6 chữ số, số tài khoản 4–19 chữ/số, tên ngân hàng và tên chủ tài khoản bắt buộc / Invalid account: a 6-digit bank BIN, a 4–19 character account number, the bank name and the account name are required');
    return 1;
  }
  const building = values.building;
  return withHub(database, io, async (hub) => {
    if (!(await buildingExists(database, building))) {
      io.err(noBuilding);
      return 1;
    }
    await hub.payments.setAccount(building, account.data);
    io.out(`Đã đặt tài khoản nhận / Receiving account set: ${account.data.bankName} ${account.data.accountNumber} (${account.data.accountName}), tòa nhà / building ${building}`);
    io.out('Mã VietQR mới dùng tài khoản này; mã đang mở giữ tài khoản cũ. / New VietQR codes pay into it; open ones keep the account they show.');
    return 0;
  });
}

async function setSecret(args: readonly string[], database: string, io: PaymentsCliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { building: { type: 'string' }, provider: { type: 'string' }, 'from-env': { type: 'string' } },
    strict: true,
  });
  const provider = WebhookProvider.safeParse(values.provider);
  if (values.building === undefined || !provider.success) {
    io.err(USAGE);
    return 1;
  }
  const fromEnv = values['from-env'];
  let secret: string;
  if (fromEnv !== undefined) {
    const given = io.env[fromEnv];
    if (given === undefined || given.length < MIN_WEBHOOK_SECRET_LENGTH) {
      io.err(`Biến ${fromEnv} trống hoặc ngắn hơn ${MIN_WEBHOOK_SECRET_LENGTH} ký tự / ${fromEnv} is unset or shorter than ${MIN_WEBHOOK_SECRET_LENGTH} characters`);
      return 1;
    }
    secret = given;
  } else {
    secret = randomBytes(32).toString('base64url');
  }
  const building = values.building;
  return withHub(database, io, async (hub) => {
    if (!(await buildingExists(database, building))) {
      io.err(noBuilding);
      return 1;
    }
    await hub.payments.setWebhookSecret(building, provider.data, secret);
    io.out(`Đã đặt khóa webhook / Webhook secret set: ${provider.data}, tòa nhà / building ${building}`);
    // A secret the operator passed in is not echoed; one made here must be copied now.
    if (fromEnv === undefined) io.out(`Khóa (chỉ hiện một lần) / Secret (shown once): ${secret}`);
    return 0;
  });
}

/** Runs one payment command with its arguments (after the subcommand); returns the exit code. */
export async function runPaymentsCli(command: PaymentCommand, args: readonly string[], database: string, io: PaymentsCliIo): Promise<number> {
  try {
    return command === 'payment-account' ? await setAccount(args, database, io) : await setSecret(args, database, io);
  } catch (err) {
    if (err instanceof KiotError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(err instanceof KiotError ? err.message : USAGE);
      return 1;
    }
    throw err;
  }
}
