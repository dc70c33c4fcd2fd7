import { passphraseFromEnv, PASSPHRASE_ENV } from '../main/secrets/passphrase-source';
import { SecretBoxError } from '../main/secrets/secret-box';

/** Reads one line from the terminal without echoing it. */
export function promptHidden(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolveLine, reject) => {
    output.write(question);
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.resume();
    let text = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolveLine(text);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new SecretBoxError('no_key', 'passphrase entry cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else text += ch;
      }
    };
    input.on('data', onData);
  });
}

/**
 * Where the CLI gets the passphrase: HANKOU_PASSPHRASE, else a hidden prompt when run in a
 * terminal (asked twice when it seals something new), else a clear refusal: scripts set the
 * variable. Returned as a source so the box asks only when it needs one.
 */
export function cliPassphrase(options: { confirm: boolean; env?: NodeJS.ProcessEnv }): () => Promise<string> {
  return async () => {
    const fromEnv = passphraseFromEnv(options.env ?? process.env);
    if (fromEnv !== undefined) return fromEnv;
    if (!process.stdin.isTTY) {
      throw new SecretBoxError('no_key', `a passphrase is needed: set ${PASSPHRASE_ENV} (no terminal to ask in)`);
    }
    const first = await promptHidden('Console passphrase: ');
    if (options.confirm && (await promptHidden('The same passphrase again: ')) !== first) {
      throw new SecretBoxError('weak_passphrase', 'the two passphrases differ; nothing was stored');
    }
    return first;
  };
}
