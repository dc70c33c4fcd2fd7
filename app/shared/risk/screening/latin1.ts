/**
 * OFAC publishes its CSV files in ISO-8859-1. Latin-1 bytes are exactly the first 256 Unicode
 * code points, so decoding is a byte-to-char copy (TextDecoder('latin1') would apply
 * windows-1252 instead, and is not available to pure code anyway).
 */
const CHUNK = 0x8000;

export function decodeLatin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const slice = bytes.subarray(offset, Math.min(offset + CHUNK, bytes.length));
    parts.push(String.fromCharCode(...slice));
  }
  return parts.join('');
}

/** Text as given, or Latin-1 bytes (a Uint8Array or Node Buffer) decoded. */
export function textFromLatin1(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : decodeLatin1(input);
}
