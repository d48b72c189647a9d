// The protocol moved to server/src/protocol (a module both the client and the server import); this path stays for the
// server's own modules and for branches that still name it.
export * from '../protocol/index';
