/** A file a user or tool put on bootflash:. */
export interface StoredFile {
  /** The inode number `dir` prints first. */
  id: number;
  bytes: Buffer;
  modifiedAt: number;
}

/**
 * What one device's bootflash: keeps of its users' files. A real router has gigabytes; these
 * bounds only stop an upload loop from growing the simulator's memory: a few configuration
 * files (a running-config is a few kilobytes) and their backups fit many times over.
 */
export const FILE_LIMITS = { bytes: 2 * 1024 * 1024, files: 64 } as const;

export type WriteResult = 'ok' | 'no-space';

/** The user files of one device's bootflash:, in memory: names are case-sensitive, as on IOS-XE. */
export class DeviceFiles {
  private readonly files = new Map<string, StoredFile>();
  // Above the inode numbers of the system's own files (`dir` lists those too).
  private nextId = 200_001;
  /** Bytes promised to uploads under way, so two at once cannot both take the last free space. */
  private reserved = 0;

  constructor(private readonly limits: { bytes: number; files: number } = FILE_LIMITS) {}

  get(name: string): StoredFile | undefined {
    return this.files.get(name);
  }

  /** Files in the order they were made. */
  list(): Array<StoredFile & { name: string }> {
    return [...this.files].map(([name, file]) => ({ name, ...file }));
  }

  usedBytes(): number {
    let sum = 0;
    for (const f of this.files.values()) sum += f.bytes.length;
    return sum;
  }

  /** What a new file named `name` could hold (an existing file of that name would be replaced). */
  freeBytes(name?: string): number {
    const replaced = name === undefined ? 0 : (this.files.get(name)?.bytes.length ?? 0);
    return this.limits.bytes - this.usedBytes() - this.reserved + replaced;
  }

  /** Holds `size` bytes for an upload until the returned function is called (once it is written or abandoned). */
  reserve(size: number): () => void {
    this.reserved += size;
    let held = true;
    return () => {
      if (held) this.reserved -= size;
      held = false;
    };
  }

  /** Whether `size` bytes fit under `name`, counting what replacing an existing file frees. */
  fits(name: string, size: number): boolean {
    if (!this.files.has(name) && this.files.size >= this.limits.files) return false;
    return size <= this.freeBytes(name);
  }

  /** Creates or replaces a file; refused when it does not fit. */
  write(name: string, bytes: Buffer, now: number): WriteResult {
    if (!this.fits(name, bytes.length)) return 'no-space';
    const id = this.files.get(name)?.id ?? this.nextId++;
    this.files.set(name, { id, bytes, modifiedAt: now });
    return 'ok';
  }

  remove(name: string): boolean {
    return this.files.delete(name);
  }
}
