// base64url without padding (RFC 4648 §5), the encoding of the `dns` GET parameter (RFC 8484 §4.1, §6).
// btoa/atob exist in browsers, workers and Node ≥ 16, so core needs no Buffer.

export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  // RFC 8484 §6: "the padding characters for base64url MUST NOT be included".
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Inverse of toBase64url; undefined for text outside the base64url alphabet or of impossible length. */
export function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
