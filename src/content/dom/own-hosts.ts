// The extension's own elements in the page (the hover card's host, card/card-host.ts). The scanner, the
// shadow-root discovery and the mutation watcher pass them by: a mark on the card's text would put a range whose
// container lies in our closed shadow root into the page-visible CSS.highlights registry, and opening or closing
// the card would cause a rescan (README "Page annotations").
const hosts = new WeakSet<Node>();

export function addOwnHost(host: Element): void {
  hosts.add(host);
}

export const isOwnHost = (node: Node): boolean => hosts.has(node);
