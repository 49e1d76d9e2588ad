// Vite's `?raw` imports: the file's text as a string (detect/phone-lib.ts); `?inline` CSS: the stylesheet's text,
// minified in the build (card/card-host.ts).
declare module '*?raw' {
  const text: string;
  export default text;
}
declare module '*.css?inline' {
  const css: string;
  export default css;
}
