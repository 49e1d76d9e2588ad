// Styles of the hover card, inside its closed shadow root (the page's CSS cannot reach them, ours cannot
// leak out). Light and dark follow the page: the host sets `dark` on the card from the colour
// behind the number.
export const CARD_CSS = `
:host { all: initial; }
.card {
  position: fixed; box-sizing: border-box; max-width: min(380px, calc(100vw - 16px)); min-width: min(240px, calc(100vw - 16px));
  overflow: auto; padding: 10px 12px; border-radius: 8px; border: 1px solid #c9ccd1;
  background: #ffffff; color: #1f2328; box-shadow: 0 4px 16px rgba(0,0,0,.18);
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: start; overflow-wrap: anywhere;
}
.card.dark { background: #22272e; color: #e6edf3; border-color: #444c56; box-shadow: 0 4px 16px rgba(0,0,0,.5); }
.number { font-size: 15px; font-weight: 600; font-variant-numeric: tabular-nums; }
.state { margin: 2px 0 6px; display: flex; align-items: center; gap: 6px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #8c959f; flex: none; }
.state-pres .dot { background: #1a7f37; }
.state-no-pres .dot { background: #0969da; }
.state-pending .dot { background: #bf8700; }
.state-error .dot { background: #cf222e; }
.presence .dot { display: inline-block; }
.presence-available .dot { background: #1a7f37; }
.presence-busy .dot, .presence-away .dot { background: #bf8700; }
.presence-blocked .dot { background: #cf222e; }
h3 { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; margin: 8px 0 2px; opacity: .75; font-weight: 600; }
ul { list-style: none; margin: 0; padding: 0; }
li { margin: 2px 0; }
a { color: #0969da; }
.dark a { color: #58a6ff; }
.services { opacity: .75; font-size: 12px; }
.meta { margin-top: 8px; font-size: 12px; opacity: .8; }
a:focus-visible, button:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
button { font: inherit; margin-top: 6px; padding: 3px 10px; border-radius: 6px; border: 1px solid currentColor; background: transparent; color: inherit; cursor: pointer; }
`;
