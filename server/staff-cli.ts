/**
 * `npm run hub -- create-admin --building <id|all> --username <name> --phone <0…> [--name "…"] [--email …]`:
 * the first administrator, before any console exists to add one. `--building all` makes one of
 * the operator's own administrators (every building); otherwise the administrator of that
 * building. Prints a one-time password to stdout, once; it must be changed at first sign-in.
 * The hub's log lines go to stderr, so the password can be piped without them.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../shared/logger';
import { KiotError } from '../shared/result';
import { createHub } from './app';

export type StaffCliIo = { out(line: string): void; err(line: string): void };

const USAGE = [
  'Cách dùng / Usage:',
  '  npm run hub -- create-admin --building <id|all> --username <tên đăng nhập/username> --phone <0…> [--name "Họ tên / Full name"] [--email <địa chỉ/address>]',
  '  --building all: quản trị viên của đơn vị vận hành, mọi tòa nhà / an operator administrator for every building',
].join('\n');

function refusal(err: KiotError): string {
  switch (err.code) {
    case 'invalid_input':
      return 'Tên đăng nhập (3–64 chữ thường, số, . _ -) hoặc họ tên không hợp lệ / Invalid username (3–64 lower-case letters, digits, . _ -) or name';
    case 'phone_not_vietnamese':
      return 'Số điện thoại phải là số Việt Nam / The phone must be a Vietnamese number';
    case 'email_invalid':
      return 'Địa chỉ email không hợp lệ / Not an email address';
    case 'wrong_state':
      return 'Tên đăng nhập đã có người dùng / That username is taken';
    case 'not_found':
      return 'Không có tòa nhà này / No building with that id';
    default:
      return `Không tạo được tài khoản / The account could not be created (${err.code})`;
  }
}

/** Runs `create-admin` with its arguments (after the subcommand); returns the exit code. */
export async function runCreateAdmin(args: readonly string[], database: string, io: StaffCliIo): Promise<number> {
  let values: { building?: string; username?: string; phone?: string; name?: string; email?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { building: { type: 'string' }, username: { type: 'string' }, phone: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch {
    io.err(USAGE);
    return 1;
  }
  const { building, username, phone } = values;
  if (building === undefined || username === undefined || phone === undefined) {
    io.err(USAGE);
    return 1;
  }
  // Log lines to stderr: stdout carries only what the operator must copy.
  const logger = createLogger('create-admin', ({ level, name, msg, data }) => io.err(`${level} [${name}] ${msg}${data ? ` ${JSON.stringify(data)}` : ''}`), 'warn');
  const hub = await createHub({ database, devMode: false, logger, terminal: { print: () => {} } });
  try {
    const buildingId = building === 'all' ? null : building;
    const created = await hub.staffAuth.createAccount({
      buildingId,
      username,
      fullName: values.name ?? username,
      role: 'admin',
      phone,
      ...(values.email !== undefined ? { email: values.email } : {}),
    });
    const scope = buildingId === null ? 'mọi tòa nhà / every building' : `tòa nhà / building ${buildingId}`;
    io.out(`Đã tạo quản trị viên / Administrator created: ${username.trim().toLowerCase()} (${scope}), id ${created.staffId}`);
    io.out(`Mật khẩu dùng một lần / One-time password: ${created.oneTimePassword}`);
    io.out('Phải đổi mật khẩu này ở lần đăng nhập đầu tiên; nó không được hiển thị lại. / It must be changed at first sign-in and is not shown again.');
    return 0;
  } catch (err) {
    if (err instanceof KiotError) {
      io.err(refusal(err));
      return 1;
    }
    throw err;
  } finally {
    await hub.close();
  }
}
