import { z } from 'zod';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../command';
import { parseFlags } from '../parse-flags';
import { InputTooLargeError, readBoundedText } from '../bounded-read';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, parseCalendarYear } from '../../shared/domain/calendar-file';
import { CLIENT_TLS_FLAGS, readClientTls } from '../client-tls';
import { clientTlsFetch } from '../../main/sync/tls-fetch';

export const calendarUsage = `usage: hankou house calendar put --url URL --admin-token-file F --file FILE [TLS]
       hankou house calendar get --url URL --admin-token-file F --year YYYY [TLS]
  TLS: --client-cert F --client-key F --ca F   for an HTTPS house (docs/tls.md): the operator's
       certificate from house ca issue --admin (key passphrase in $HANKOU_CERT_PASSPHRASE) and
       the centre's CA, the only issuer trusted for the house

Loads a year of the working-day calendar into a running house, or prints the one it holds
(docs/calendar.md). put checks FILE here first, so a bad file is refused before any request.
  --url URL              the house, e.g. http://127.0.0.1:4100
  --admin-token-file F   the house's admin token, from a file, or - for standard input
                         (never on the command line, where other users' ps would see it)
  --file FILE            the calendar year to load (JSON; - for standard input)`;

/** A calendar year is a few kilobytes; anything near this is not one. */
const MAX_CALENDAR_BYTES = 1_000_000;
const MAX_TOKEN_BYTES = 4_096;
/** The house answers at once; a hung house must not hang the operator's shell. */
const REQUEST_TIMEOUT_MS = 30_000;

const urlSchema = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must be an http:// or https:// address' });

function the(values: Map<string, string[]>, flag: string): string {
  const value = values.get(flag)?.at(-1);
  if (value === undefined) throw new UsageError(`${flag} is required`);
  return value;
}

function houseUrl(values: Map<string, string[]>): string {
  const parsed = urlSchema.safeParse(the(values, '--url'));
  if (!parsed.success) throw new UsageError(`--url ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
  return parsed.data.replace(/\/+$/, '');
}

/** The token file whole, one trailing line break dropped. */
async function readAdminToken(file: string, io: CliIo): Promise<string> {
  let text: string;
  try {
    text = await readBoundedText(file, MAX_TOKEN_BYTES, io);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--admin-token-file ${file}: ${(error as Error).message}`);
  }
  const token = text.replace(/\r?\n$/, '');
  if (token.trim() === '') throw new UsageError(`--admin-token-file ${file} is empty`);
  return token;
}

interface HouseAnswer {
  status: number;
  text: string;
}

/** fetch, or for an HTTPS house with mutual TLS one that presents the operator's certificate. */
function transport(values: Map<string, string[]>, url: string): { fetch: typeof fetch; close: boolean } {
  const tls = readClientTls(values, process.env);
  if (tls === undefined) return { fetch, close: false };
  if (!url.toLowerCase().startsWith('https://')) throw new UsageError('--client-cert is only sent to an https:// house');
  return { fetch: clientTlsFetch(tls), close: true };
}

async function request(
  io: CliIo,
  via: { fetch: typeof fetch; close: boolean },
  method: 'GET' | 'PUT',
  url: string,
  token: string,
  body?: string,
): Promise<HouseAnswer | undefined> {
  try {
    const response = await via.fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        // One call: no keep-alive socket left to hold the command open.
        ...(via.close ? { connection: 'close' } : {}),
      },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    io.err(`hankou house calendar: could not reach the house at ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    return undefined;
  }
}

/** The house's own words for a refusal, with what the operator should check for the usual ones. */
function refusal(answer: HouseAnswer): string {
  let message = answer.text;
  try {
    const json = JSON.parse(answer.text) as { message?: unknown };
    if (typeof json.message === 'string') message = json.message;
  } catch {
    // Not JSON (a proxy's page, say): show the text as it came.
  }
  const hint = answer.status === 401 || answer.status === 403 ? ' (check --admin-token-file: the house did not accept the admin token)' : '';
  return `the house refused (${answer.status}): ${message.slice(0, 500)}${hint}`;
}

async function put(values: Map<string, string[]>, io: CliIo): Promise<number> {
  const url = houseUrl(values);
  const via = transport(values, url);
  const file = the(values, '--file');
  const tokenFile = the(values, '--admin-token-file');
  if (file === '-' && tokenFile === '-') throw new UsageError('--file and --admin-token-file cannot both be standard input');
  let calendar;
  try {
    calendar = parseCalendarYear(await readBoundedText(file, MAX_CALENDAR_BYTES, io));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const reason = error instanceof InputTooLargeError ? error.message : (error as Error).message;
    io.err(`hankou house calendar: ${file}: ${reason}; nothing was sent to the house`);
    return EXIT_USAGE;
  }
  const token = await readAdminToken(tokenFile, io);
  const answer = await request(io, via, 'PUT', `${url}/v1/admin/calendar/${calendar.year}`, token, JSON.stringify(calendar));
  if (answer === undefined) return EXIT_FAILED;
  if (answer.status !== 200) {
    io.err(`hankou house calendar: ${refusal(answer)}`);
    return EXIT_FAILED;
  }
  io.out(answer.text);
  return EXIT_OK;
}

async function get(values: Map<string, string[]>, io: CliIo): Promise<number> {
  const url = houseUrl(values);
  const via = transport(values, url);
  const yearText = the(values, '--year');
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
    throw new UsageError(`--year must be a year from ${CALENDAR_MIN_YEAR} to ${CALENDAR_MAX_YEAR}`);
  }
  const token = await readAdminToken(the(values, '--admin-token-file'), io);
  const answer = await request(io, via, 'GET', `${url}/v1/admin/calendar/${year}`, token);
  if (answer === undefined) return EXIT_FAILED;
  if (answer.status !== 200) {
    io.err(`hankou house calendar: ${refusal(answer)}`);
    return EXIT_FAILED;
  }
  // Pretty, so the answer can be saved, edited and put back.
  let shown = answer.text;
  try {
    shown = JSON.stringify(JSON.parse(answer.text), null, 2);
  } catch {
    // Shown as it came.
  }
  io.out(shown);
  return EXIT_OK;
}

/** `hankou house calendar put|get ...` */
export async function runHouseCalendar(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'put') return put(parseFlags(rest, ['--url', '--admin-token-file', '--file', ...CLIENT_TLS_FLAGS], []).values, io);
  if (sub === 'get') return get(parseFlags(rest, ['--url', '--admin-token-file', '--year', ...CLIENT_TLS_FLAGS], []).values, io);
  throw new UsageError(sub === undefined ? 'calendar needs put or get' : `unknown calendar subcommand ${sub}`);
}
