import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The seed articles shipped with the project: the corpus used when none is named. */
export const DEFAULT_CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'seeds');
