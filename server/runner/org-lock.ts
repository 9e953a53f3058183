/** One run at a time per organisation, within this process. */
export class OrgLock {
  #busy = new Set<string>();

  /** Takes the lock or returns false when a run of that organisation is already under way. */
  tryAcquire(orgId: string): boolean {
    if (this.#busy.has(orgId)) return false;
    this.#busy.add(orgId);
    return true;
  }

  release(orgId: string): void {
    this.#busy.delete(orgId);
  }
}
