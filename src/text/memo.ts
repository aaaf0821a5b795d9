/**
 * A memo of a pure function of a string. Sharing one between corpora, engines and questions is safe
 * because the value depends on the string alone (never on a corpus, a question or the clock), so a
 * remembered value is the value computed again; it is bounded because the strings are arbitrary text
 * (a long-running bot reads ever new words): once `limit` strings are held it starts again empty.
 */
export function boundedMemo<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(key);
      if (memo.size >= limit) memo.clear();
      memo.set(key, value);
    }
    return value;
  };
}
