/** One server-sent event, as the wire carries it. */
export function sse(data: string, event?: string): Buffer {
  return Buffer.from(`${event ? `event: ${event}\n` : ''}data: ${data}\n\n`, 'utf8');
}
