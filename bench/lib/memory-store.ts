import type { ProviderStore } from '../../lib/auth/session-store';
import type { ProviderId } from '../../lib/providers/catalog';

/** A ProviderStore in memory alone, for the gateway on a simulated clock (no browser storage in Node). */
export class MemoryStore<T> implements ProviderStore<T> {
  private values = new Map<ProviderId, T>();
  async get(provider: ProviderId) {
    return this.values.get(provider);
  }
  async set(provider: ProviderId, value: T) {
    this.values.set(provider, value);
  }
  async remove(provider: ProviderId) {
    this.values.delete(provider);
  }
}
