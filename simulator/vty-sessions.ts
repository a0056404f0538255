/** One logged-in terminal session, as `show users` lists it. */
export interface VtySession {
  /** `vty0`, `vty1` ... */
  line: string;
  user: string;
  source: string;
  /** When the last line was entered, for the Idle column. */
  lastInput: number;
}

/** The device's open vty sessions, oldest first. */
export class VtySessions {
  private readonly open = new Set<VtySession>();

  add(session: VtySession): () => void {
    this.open.add(session);
    return () => this.open.delete(session);
  }

  list(): VtySession[] {
    return [...this.open].sort((a, b) => a.line.localeCompare(b.line, 'en', { numeric: true }));
  }
}
