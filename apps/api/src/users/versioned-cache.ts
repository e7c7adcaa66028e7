/**
 * Values read from the database, each remembered with the access_version (AccessVersionEntity) it
 * was read under, and answered only while the caller's version is that one. The caller's version
 * must be read before the value, so a value is never older than its tag: a write committed between
 * the two reads makes the value newer than its tag, and the next version read misses it.
 *
 * Bounded (the oldest entry goes first) and each entry expires after `maxAgeMs` whatever the version
 * says: triggers do not see TRUNCATE or a restored backup (whose version may repeat an older one),
 * and that bounds how long such a change could go unseen.
 */
export class VersionedCache<K, V> {
  private readonly entries = new Map<K, { version: number; value: V; at: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value read under `version`, or undefined (unknown, another version, too old). */
  get(key: K, version: number | null): V | undefined {
    if (version === null) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version || this.now() - entry.at > this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** A null version (the access_version row is missing) caches nothing: every read goes to the database. */
  set(key: K, version: number | null, value: V): void {
    if (version === null) return;
    this.entries.delete(key);
    this.entries.set(key, { version, value, at: this.now() });
    // A Map iterates in insertion order: the first key is the oldest entry.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
