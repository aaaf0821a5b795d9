/**
 * Learned weights, read from the JSON files the training scripts write in `data/`: `{ trainedBy, note,
 * weights: { name: number } }`. A file that lacks a weight, has one too many or a non-number fails at
 * start-up with the name, rather than scoring with NaN.
 */

export interface WeightsFile {
  /** The script that wrote the file, and how it was run. */
  trainedBy?: string;
  note?: string;
  weights: Record<string, unknown>;
}

/** The weights of `file` for exactly `names`, frozen. */
export function weightsOf<N extends string>(file: WeightsFile, names: readonly N[], label: string): Readonly<Record<N, number>> {
  const given = file.weights ?? {};
  const out = {} as Record<N, number>;
  for (const n of names) {
    const v = given[n];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${label}: weight "${n}" is missing or not a number`);
    out[n] = v;
  }
  const extra = Object.keys(given).filter((n) => !(names as readonly string[]).includes(n));
  if (extra.length) throw new Error(`${label}: unknown weights ${extra.join(', ')}`);
  return Object.freeze(out);
}

/** A weights file's text, as the training scripts write it: one weight a line, in the given order. */
export function weightsFileText<N extends string>(weights: Readonly<Record<N, number>>, names: readonly N[], trainedBy: string, note: string): string {
  const lines = names.map((n) => `    ${JSON.stringify(n)}: ${JSON.stringify(weights[n])}`);
  return `{\n  "trainedBy": ${JSON.stringify(trainedBy)},\n  "note": ${JSON.stringify(note)},\n  "weights": {\n${lines.join(',\n')}\n  }\n}\n`;
}
