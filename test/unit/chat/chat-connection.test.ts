import { beforeEach, describe, expect, it, vi } from 'vitest';

// The runtime's ports, replaced: each connect is recorded, and a test can close one as Chrome does
// when it stops the worker.
interface FakePort {
  name: string;
  posted: unknown[];
  disconnect: () => void;
}
const ports: FakePort[] = [];
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      connect: ({ name }: { name: string }) => {
        const onDisconnect: (() => void)[] = [];
        const port = {
          name,
          posted: [] as unknown[],
          postMessage: (message: unknown) => port.posted.push(message),
          onMessage: { addListener: () => undefined },
          onDisconnect: { addListener: (listener: () => void) => onDisconnect.push(listener) },
          disconnect: () => onDisconnect.forEach((listener) => listener()),
        };
        ports.push(port);
        return port;
      },
    },
  },
}));

const { ChatConnection } = await import('@/lib/chat/chat-connection');

describe('ChatConnection.wake', () => {
  beforeEach(() => void (ports.length = 0));

  it('opens the chat port, which starts a stopped worker, and posts nothing on it', () => {
    new ChatConnection(() => undefined, () => undefined).wake();
    expect(ports.map((p) => p.name)).toEqual(['chat']);
    expect(ports[0]!.posted).toEqual([]);
  });

  it('names the provider chosen when the port opens, so a stopped worker imports its SDK at once', () => {
    let provider: 'openai' | 'anthropic' = 'openai';
    const connection = new ChatConnection(() => undefined, () => undefined, () => provider);
    connection.wake();
    provider = 'anthropic';
    ports[0]!.disconnect();
    connection.post({ type: 'stop', runId: 'r' });
    expect(ports.map((p) => p.name)).toEqual(['chat:openai', 'chat:anthropic']);
  });

  it('sends nothing more while the port is open, and the next send uses that port', () => {
    const connection = new ChatConnection(() => undefined, () => undefined);
    connection.wake();
    connection.wake();
    connection.post({ type: 'stop', runId: 'r' });
    expect(ports).toHaveLength(1);
    expect(ports[0]!.posted).toEqual([{ type: 'stop', runId: 'r' }]);
  });

  it('opens a new port once the worker stopped and closed the last one', () => {
    const connection = new ChatConnection(() => undefined, () => undefined);
    connection.wake();
    ports[0]!.disconnect();
    connection.wake();
    expect(ports).toHaveLength(2);
  });
});
