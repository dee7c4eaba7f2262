import { browser } from 'wxt/browser';
import type { ProviderId } from '../providers/catalog';

/** One value per provider, kept where the gateway needs it to survive a worker restart. */
export interface ProviderStore<T> {
  get(provider: ProviderId): Promise<T | undefined>;
  set(provider: ProviderId, value: T): Promise<void>;
  remove(provider: ProviderId): Promise<void>;
}

/**
 * A ProviderStore in `storage.session`: in memory only, gone when the browser closes, readable by
 * the extension's own pages and worker but not by content scripts, and still there when Chrome
 * stops the idle worker and starts it again. The worker is its only writer, so a memory copy is
 * always current and saves a storage round trip.
 */
export class SessionStore<T> implements ProviderStore<T> {
  private memory = new Map<ProviderId, T>();

  constructor(private readonly prefix: string) {}

  async get(provider: ProviderId): Promise<T | undefined> {
    const known = this.memory.get(provider);
    if (known !== undefined) return known;
    const key = this.prefix + provider;
    const value = (await browser.storage.session.get(key))[key] as T | undefined;
    if (value !== undefined) this.memory.set(provider, value);
    return value;
  }

  async set(provider: ProviderId, value: T): Promise<void> {
    this.memory.set(provider, value);
    await browser.storage.session.set({ [this.prefix + provider]: value });
  }

  async remove(provider: ProviderId): Promise<void> {
    this.memory.delete(provider);
    await browser.storage.session.remove(this.prefix + provider);
  }
}
