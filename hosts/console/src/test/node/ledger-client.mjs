// A net.tcp client written only from docs/tcp-framing.md, with no library: it calls getAccount(id) on a
// wcf4j ledger and prints the account as JSON. Usage: node ledger-client.mjs <host> <port> <path> <accountId>, with
// the caller's user name and password in WCF4J_USER and WCF4J_PASSWORD (exit 5: the credentials were refused)
import net from 'node:net';

const [host, port, path, accountId] = process.argv.slice(2);

// --- a minimal CBOR (RFC 8949) encoder and decoder: what the ledger's payloads use ---
function head(major, n) {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  if (n < 65536) { const b = Buffer.alloc(3); b[0] = (major << 5) | 25; b.writeUInt16BE(n, 1); return b; }
  const b = Buffer.alloc(5); b[0] = (major << 5) | 26; b.writeUInt32BE(n, 1); return b;
}
function encode(v) {
  if (typeof v === 'number' && Number.isInteger(v)) return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === 'string') { const s = Buffer.from(v, 'utf8'); return Buffer.concat([head(3, s.length), s]); }
  if (Array.isArray(v)) return Buffer.concat([head(4, v.length), ...v.map(encode)]);
  throw new Error('cannot encode ' + v);
}
function decode(buf) {
  let i = 0;
  function length(info) {
    if (info < 24) return info;
    if (info === 24) return buf[i++];
    if (info === 25) { const n = buf.readUInt16BE(i); i += 2; return n; }
    if (info === 26) { const n = buf.readUInt32BE(i); i += 4; return n; }
    if (info === 27) { const n = buf.readBigUInt64BE(i); i += 8; return Number(n); }
    if (info === 31) return -1; // indefinite
    throw new Error('bad length ' + info);
  }
  function item() {
    const b = buf[i++]; const major = b >> 5; const info = b & 31;
    if (major === 7) {
      if (info === 20) return false; if (info === 21) return true; if (info === 22 || info === 23) return null;
      if (info === 25) { i += 2; throw new Error('half floats unsupported'); }
      if (info === 26) { const f = buf.readFloatBE(i); i += 4; return f; }
      if (info === 27) { const f = buf.readDoubleBE(i); i += 8; return f; }
      throw new Error('simple ' + info);
    }
    const n = length(info);
    switch (major) {
      case 0: return n;
      case 1: return -1 - n;
      case 2: { const s = buf.subarray(i, i + n); i += n; return s; }
      case 3: { const s = buf.toString('utf8', i, i + n); i += n; return s; }
      case 4: { const a = []; if (n < 0) { while (buf[i] !== 0xff) a.push(item()); i++; } else for (let k = 0; k < n; k++) a.push(item()); return a; }
      case 5: { const o = {}; if (n < 0) { while (buf[i] !== 0xff) { const k = item(); o[k] = item(); } i++; } else for (let k = 0; k < n; k++) { const key = item(); o[key] = item(); } return o; }
      case 6: {
        const v = item();
        if (n === 2) return BigInt('0x' + (v.length ? v.toString('hex') : '0'));     // unsigned bignum
        if (n === 3) return -1n - BigInt('0x' + (v.length ? v.toString('hex') : '0'));
        if (n === 4) {                                                             // decimal fraction [exponent, mantissa]
          const [e, m] = v; const digits = BigInt(m).toString(); const neg = digits.startsWith('-');
          const d = neg ? digits.slice(1) : digits;
          if (e >= 0) return (neg ? '-' : '') + d + '0'.repeat(e);
          const p = d.padStart(-e + 1, '0');
          return (neg ? '-' : '') + p.slice(0, p.length + e) + '.' + p.slice(p.length + e);
        }
        return v;
      }
    }
    throw new Error('major ' + major);
  }
  return item();
}

// --- the wire format ---
function frame(type, id, payload, headers = {}) {
  const parts = [];
  for (const [k, v] of Object.entries(headers)) {
    const key = Buffer.from(k, 'utf8'), value = Buffer.from(v, 'utf8');
    parts.push(Buffer.from([key.length]), key, Buffer.from([value.length >> 8, value.length & 255]), value);
  }
  const h = Buffer.concat(parts);
  const b = Buffer.alloc(16);
  b.writeUInt32BE(12 + h.length + payload.length, 0);
  b[4] = type; b[5] = 0;
  b.writeBigUInt64BE(BigInt(id), 6);
  b.writeUInt16BE(Object.keys(headers).length, 14);
  return Buffer.concat([b, h, payload]);
}
const call = () => frame(0x01, 1, encode(['getAccount', Number(accountId)]));
const p = Buffer.from(path, 'utf8');
const preamble = Buffer.concat([Buffer.from('WCF4', 'ascii'), Buffer.from([1, 1, p.length >> 8, p.length & 255]), p]);
// the credentials exchange (section 1a): user and password from the environment, sent once, answered before any call
const user = process.env.WCF4J_USER, password = process.env.WCF4J_PASSWORD;
const credentials = user === undefined ? null
  : frame(0x0C, 0, Buffer.alloc(0), { authorization: 'Basic ' + Buffer.from(user + ':' + password, 'utf8').toString('base64') });
const socket = net.connect(Number(port), host, () => {
  socket.write(credentials ? Buffer.concat([preamble, credentials]) : Buffer.concat([preamble, call()]));
});
let pending = Buffer.alloc(0);
socket.setTimeout(10000, () => { console.error('timeout'); process.exit(3); });
socket.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
    const length = pending.readUInt32BE(0);
    const type = pending[4];
    const id = pending.readBigUInt64BE(6);
    let at = 16;                                 // skip the headers (e.g. www-authenticate on a refusal)
    for (let h = pending.readUInt16BE(14); h > 0; h--) at += 1 + pending[at] + 2 + pending.readUInt16BE(at + 1 + pending[at]);
    const payload = pending.subarray(at, 4 + length);
    pending = pending.subarray(4 + length);
    if (type === 0x0B) continue;                 // PREAMBLE_ACK
    if (type === 0x0C) { socket.write(call()); continue; }   // credentials accepted ({principal}): now the call
    if (type === 0x04 && id === 0n) { console.log(JSON.stringify({ fault: decode(payload) })); socket.end(); process.exit(5); }
    if (id !== 1n) continue;
    const value = decode(payload);
    if (type === 0x03) { console.log(JSON.stringify(value)); socket.end(); process.exit(0); }
    if (type === 0x04) { console.log(JSON.stringify({ fault: value })); socket.end(); process.exit(2); }
  }
});
socket.on('error', (e) => { console.error(e.message); process.exit(4); });
