import { createHash } from 'node:crypto';

/** SHA-1 of bytes or text, hex: how the saved index tells a file's bytes and a corpus's path apart. */
export const sha1 = (bytes: Uint8Array | string): string => createHash('sha1').update(bytes).digest('hex');
