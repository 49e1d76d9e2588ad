// Stands in for libphonenumber-js's ParseError module (es6-modern/ParseError.js and es6/ParseError.js, 1.13.16),
// in the build only (build/libphonenumber-patches.ts). Its class calls `Object.setPrototypeOf(this,
// ParseError.prototype)` in the constructor — a workaround for TypeScript's ES5 output, where `instanceof` fails
// on subclasses of Error — and sets an own `name`. A native class needs neither: `new` already gives the instance
// this prototype. Changing an object's prototype after it is made moves it to a slow dictionary map, and the
// matcher makes one such error for every candidate that is not a number (bench/page profile: its constructor was
// the largest self time of detection). What the library's catch blocks read stays the same: `instanceof
// ParseError` (parsePhoneNumber_.js, validatePhoneNumberLength.js) and the code in `.message`.
export default class ParseError extends Error {}

// The name the library gives each instance, once on the prototype (`error.name` reads the same).
Object.defineProperty(ParseError.prototype, 'name', { value: 'ParseError', writable: true, configurable: true });
