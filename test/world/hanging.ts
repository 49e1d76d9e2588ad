// A DoH endpoint that never answers: it completes the TLS handshake (ALPN h2 or http/1.1), reads and
// ignores everything, and keeps the connection open, so clients hit their own timeouts.
import { createServer, type TLSSocket } from 'node:tls';
import { readFile } from 'node:fs/promises';

export interface Hanging {
  port: number;
  close(): Promise<void>;
}

export async function startHanging(certFile: string, keyFile: string): Promise<Hanging> {
  const [cert, key] = await Promise.all([readFile(certFile), readFile(keyFile)]);
  const sockets = new Set<TLSSocket>();
  const server = createServer({ cert, key, ALPNProtocols: ['h2', 'http/1.1'] }, (socket) => {
    sockets.add(socket);
    socket.unref();
    socket.on('data', () => {
      /* swallow the request */
    });
    socket.on('error', () => {
      /* client gave up */
    });
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => {
    /* e.g. a client that rejects the self-signed cert */
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('hanging DoH server has no port');
  server.unref();
  return {
    port: addr.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
