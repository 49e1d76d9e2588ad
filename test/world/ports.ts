// Free loopback ports for the DNS world. Each port is probed on TCP and UDP (DNS listens on both) and
// kept bound until all are chosen, so one world never gets the same port twice. Another process can
// still grab a port between our probe and the daemon's bind; startWorld() retries on that (rare) race.
import { createServer, type Server } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';

const HOST = '127.0.0.1';

function listenTcp(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen({ port, host: HOST, exclusive: true }, () => resolve(srv));
  });
}

function bindUdp(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = createSocket({ type: 'udp4', reuseAddr: false });
    sock.once('error', reject);
    sock.bind({ port, address: HOST, exclusive: true }, () => resolve(sock));
  });
}

/** Reserve `count` distinct ports free on both TCP and UDP at 127.0.0.1. */
export async function freePorts(count: number): Promise<number[]> {
  const held: Array<Server | Socket> = [];
  const ports: number[] = [];
  try {
    for (let attempts = 0; ports.length < count; attempts++) {
      if (attempts > count * 20) throw new Error('could not find free loopback ports');
      const tcp = await listenTcp(0);
      held.push(tcp);
      const addr = tcp.address();
      if (addr === null || typeof addr === 'string') continue;
      try {
        held.push(await bindUdp(addr.port));
        ports.push(addr.port);
      } catch {
        // UDP side taken: keep the TCP socket held (so it isn't offered again) and try another.
      }
    }
    return ports;
  } finally {
    await Promise.all(held.map((h) => new Promise<void>((resolve) => h.close(() => resolve()))));
  }
}
