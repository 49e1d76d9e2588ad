// enum-presence command-line tool (stub; filled by the core issue).
console.log('enum-presence');
