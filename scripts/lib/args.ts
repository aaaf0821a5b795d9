/** Command-line arguments of the scripts. */

/** The value after `--name` (or of `--name=value`), or undefined. */
export function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at >= 0) return args[at + 1];
  const prefix = `${name}=`;
  return args.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

/** A numeric option, or the default. */
export function numberOption(args: readonly string[], name: string, fallback: number): number {
  const v = option(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name} wants a number, got "${v}"`);
  return n;
}
