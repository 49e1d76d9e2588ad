// Self-signed TLS certificate for the world's DoH endpoints: EC P-256, CN/SAN localhost + IP 127.0.0.1.
import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './process.ts';

export interface Cert {
  certFile: string;
  keyFile: string;
  /** base64 SHA-256 of the DER SubjectPublicKeyInfo (Chromium --ignore-certificate-errors-spki-list). */
  spki: string;
}

export async function makeCert(dir: string): Promise<Cert> {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const r = await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '3650',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-addext',
    'basicConstraints=critical,CA:FALSE',
    '-addext',
    'extendedKeyUsage=serverAuth',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  if (r.code !== 0) throw new Error(`openssl req failed: ${r.stderr}`);
  const pem = await readFile(certFile, 'utf8');
  const der = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return { certFile, keyFile, spki: createHash('sha256').update(der).digest('base64') };
}
