// Live presence of the numbers the user looks at (an open card), never of every number on the page: the card
// asks the background to watch a number (viewPresence, which watches only the pres URIs of its lookup's answer);
// changes arrive over the event port (presenceChanged), never polled. The port stays open as long as the
// background keeps a viewed subscription (LINGER_MS after the last view).
import type { PresenceEntry } from '../../core/presence/entry.ts';
import type { PresenceState } from '../../core/presence/state.ts';
import { LINGER_MS } from '../../core/presence/wanted.ts';
import { sendMessage, subscribe } from '../../platform/content.ts';
import { numberPresence } from '../../shared/presence-display.ts';

export class NumberPresence {
  private readonly entries = new Map<string, PresenceEntry>();
  /** The pres URIs of each viewed number. */
  private readonly viewed = new Map<string, readonly string[]>();
  private stopListening: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly changed: (e164: string, state: PresenceState | undefined) => void,
    /** Live presence is on in the settings. */
    private readonly enabled: () => boolean,
  ) {}

  /** What is known of each of the number's pres URIs (empty before it was viewed). */
  of(e164: string): PresenceEntry[] {
    return (this.viewed.get(e164) ?? []).flatMap((uri) => this.entries.get(uri) ?? []);
  }

  /** The user looks at `e164`, whose lookup gave these pres URIs. */
  async view(e164: string, uris: readonly string[]): Promise<void> {
    if (!this.enabled()) return;
    this.viewed.set(e164, uris);
    // Listen before asking, so that no change between the reply and the port is missed.
    this.stopListening ??= subscribe(
      (event) => {
        if (event.type === 'presenceChanged') this.set([event.payload.entry]);
      },
      () => {
        for (const [n, u] of this.viewed) void this.ask(n, u);
      },
    );
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.stop(), LINGER_MS);
    if (!(await this.ask(e164, uris))) this.stop();
  }

  private async ask(e164: string, uris: readonly string[]): Promise<boolean> {
    const reply = await sendMessage('viewPresence', { e164 });
    if (reply.ok) this.set(reply.value.presence.filter((e) => uris.includes(e.uri)));
    return reply.ok && reply.value.enabled;
  }

  private set(list: PresenceEntry[]): void {
    for (const [e164, uris] of this.viewed) {
      const mine = list.filter((e) => uris.includes(e.uri));
      for (const e of mine) this.entries.set(e.uri, e);
      if (mine.length) this.changed(e164, numberPresence(this.of(e164)));
    }
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = undefined;
  }
}
