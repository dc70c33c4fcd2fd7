import { hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { ARGON2_LIMITS, ENVELOPE_VERSION, associatedData, envelopeSchema, secretNameSchema, type Envelope, type EnvelopeKey } from './envelope';
import { DEFAULT_ARGON2_PARAMS, KEY_BYTES, MIN_PASSPHRASE_LENGTH, SALT_BYTES, derivePassphraseKey, type Argon2Params } from './passphrase-key';
import { freshIv, gcmOpen, gcmSeal } from './aes-gcm';

/**
 * What the box needs of Electron's safeStorage (the OS keychain: Keychain, DPAPI, libsecret or
 * kwallet). The Electron host passes the real one in; nothing outside app/main/electron imports
 * electron, and tests pass a fake.
 */
export interface SafeStorageAdapter {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export type SecretBoxErrorCode =
  | 'wrong_passphrase' // the passphrase does not derive this envelope's key
  | 'tampered' // the key is right but the envelope (ciphertext, header or name) was changed
  | 'keychain_refused' // safeStorage could not unwrap the key: another user, machine or keychain
  | 'no_key' // this host has no way to seal or open this kind of envelope
  | 'weak_passphrase'
  | 'malformed'; // not an envelope at all

/** A failure to seal or open, with a code and a message that says what to do. Never holds the secret. */
export class SecretBoxError extends Error {
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export type SealKind = EnvelopeKey['kind'];

export interface SecretBoxOptions {
  /** The OS keychain; preferred for sealing when it says encryption is available. */
  safeStorage?: SafeStorageAdapter | undefined;
  /** Asked at most once, only when a passphrase is needed (sealing without safeStorage, or opening such an envelope). */
  passphrase?: (() => string | Promise<string>) | undefined;
  /** Tests lower the cost; production uses DEFAULT_ARGON2_PARAMS. */
  argon2?: Argon2Params | undefined;
}

export interface SecretBox {
  /** What new envelopes are sealed with here, or null when this host can seal nothing. */
  sealKind(): SealKind | null;
  /** Seals `plaintext` to be stored under `name`; returns the envelope as JSON text. */
  seal(name: string, plaintext: string): Promise<string>;
  /** Opens an envelope stored under `name`; throws SecretBoxError when it cannot. */
  open(name: string, sealedText: string): Promise<string>;
}

const KEY_CHECK_BYTES = 8;

/**
 * The argon2id output is split with HKDF into the AES key and a short key-check value kept in the
 * header. The check says "wrong passphrase" apart from "changed envelope"; it gives a thief
 * nothing the GCM tag does not already give (both confirm a guess, both cost one argon2id).
 */
function splitPassphraseKey(master: Buffer, salt: Buffer): { aesKey: Buffer; check: Buffer } {
  return {
    aesKey: Buffer.from(hkdfSync('sha256', master, salt, 'hankou-secret/aes-256-gcm', KEY_BYTES)),
    check: Buffer.from(hkdfSync('sha256', master, salt, 'hankou-secret/key-check', KEY_CHECK_BYTES)),
  };
}

function parseEnvelope(name: string, text: string): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SecretBoxError('malformed', `the stored secret ${name} is not a sealed envelope (not JSON)`);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw new SecretBoxError('malformed', `the stored secret ${name} is not a valid sealed envelope: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
  }
  return parsed.data;
}

export function createSecretBox(options: SecretBoxOptions): SecretBox {
  const argon2 = options.argon2 ?? DEFAULT_ARGON2_PARAMS;
  if (argon2.memoryKiB < ARGON2_LIMITS.minMemoryKiB) throw new Error(`argon2id memory below ${ARGON2_LIMITS.minMemoryKiB} KiB is refused`);
  let passphrase: Promise<string> | undefined;
  const askPassphrase = (why: string): Promise<string> => {
    const source = options.passphrase;
    if (source === undefined) {
      return Promise.reject(new SecretBoxError('no_key', `${why}, but no passphrase was given (set HANKOU_PASSPHRASE, or run in a terminal to be asked)`));
    }
    passphrase ??= Promise.resolve().then(source);
    return passphrase;
  };
  const safeStorageAvailable = () => {
    try {
      return options.safeStorage?.isEncryptionAvailable() === true;
    } catch {
      return false;
    }
  };

  async function keyForSealing(name: string): Promise<{ key: EnvelopeKey; aesKey: Buffer }> {
    if (safeStorageAvailable()) {
      const aesKey = randomBytes(KEY_BYTES);
      const wrapped = options.safeStorage!.encryptString(aesKey.toString('base64'));
      return { key: { kind: 'safe-storage', wrapped: wrapped.toString('base64') }, aesKey };
    }
    const phrase = await askPassphrase(`sealing ${name} needs a key: the OS keychain is not available here`);
    if ([...phrase].length < MIN_PASSPHRASE_LENGTH) {
      throw new SecretBoxError('weak_passphrase', `the passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters`);
    }
    const salt = randomBytes(SALT_BYTES);
    const { aesKey, check } = splitPassphraseKey(await derivePassphraseKey(phrase, salt, argon2), salt);
    return { key: { kind: 'argon2id', ...argon2, salt: salt.toString('base64'), check: check.toString('base64') }, aesKey };
  }

  async function keyForOpening(name: string, key: EnvelopeKey): Promise<Buffer> {
    if (key.kind === 'safe-storage') {
      if (!safeStorageAvailable()) {
        throw new SecretBoxError('no_key', `the secret ${name} was sealed with the OS keychain of the desktop console; this host cannot open it (store it again here)`);
      }
      let unwrapped: string;
      try {
        unwrapped = options.safeStorage!.decryptString(Buffer.from(key.wrapped, 'base64'));
      } catch {
        throw new SecretBoxError('keychain_refused', `the OS keychain refused to unwrap the key of ${name}: it was sealed by another user or on another machine`);
      }
      const aesKey = Buffer.from(unwrapped, 'base64');
      if (aesKey.length !== KEY_BYTES) throw new SecretBoxError('tampered', `the wrapped key of ${name} is not a ${KEY_BYTES}-byte key`);
      return aesKey;
    }
    const phrase = await askPassphrase(`the secret ${name} is sealed with a passphrase`);
    const salt = Buffer.from(key.salt, 'base64');
    const { aesKey, check } = splitPassphraseKey(await derivePassphraseKey(phrase, salt, key), salt);
    const stored = Buffer.from(key.check, 'base64');
    if (stored.length !== check.length || !timingSafeEqual(stored, check)) {
      throw new SecretBoxError('wrong_passphrase', `wrong passphrase for the secret ${name}`);
    }
    return aesKey;
  }

  return {
    sealKind() {
      if (safeStorageAvailable()) return 'safe-storage';
      return options.passphrase === undefined ? null : 'argon2id';
    },
    async seal(name, plaintext) {
      secretNameSchema.parse(name);
      const { key, aesKey } = await keyForSealing(name);
      const header = { v: ENVELOPE_VERSION, key, iv: freshIv().toString('base64') } as const;
      const data = gcmSeal(aesKey, Buffer.from(header.iv, 'base64'), associatedData(name, header), Buffer.from(plaintext, 'utf8'));
      aesKey.fill(0);
      const envelope: Envelope = { ...header, data: data.toString('base64') };
      return JSON.stringify(envelope);
    },
    async open(name, sealedText) {
      secretNameSchema.parse(name);
      const envelope = parseEnvelope(name, sealedText);
      const aesKey = await keyForOpening(name, envelope.key);
      try {
        const plain = gcmOpen(aesKey, Buffer.from(envelope.iv, 'base64'), associatedData(name, envelope), Buffer.from(envelope.data, 'base64'));
        return plain.toString('utf8');
      } catch {
        throw new SecretBoxError('tampered', `the secret ${name} failed its integrity check: the stored envelope was changed or belongs to another name`);
      } finally {
        aesKey.fill(0);
      }
    },
  };
}
