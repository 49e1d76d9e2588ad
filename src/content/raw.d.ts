// Vite's `?raw` imports: the file's text as a string (detect/phone-lib.ts).
declare module '*?raw' {
  const text: string;
  export default text;
}
