import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

const TYPE_TXT = 16;
const CLASS_IN = 1;
const RCODE = { noError: 0, serverFailure: 2, nameError: 3 } as const;

type Answer = { txt: string[] } | 'servfail';

/**
 * A tiny authoritative DNS server for tests: UDP on 127.0.0.1, a random port, answering TXT
 * queries from a table the test fills. Unknown names get NXDOMAIN; names marked `servfail` get
 * SERVFAIL. Answers carry TTL 0 so the resolver under test caches nothing between test cases.
 * Written against RFC 1035 §4 directly (about sixty lines) rather than adding a dependency.
 */
export class TestDnsServer {
  private readonly answers = new Map<string, Answer>();

  private constructor(
    private readonly socket: Socket,
    /** `127.0.0.1:<port>`, ready for LATCHKEY_DNS_SERVERS. */
    readonly address: string,
  ) {
    socket.on('message', (query, peer) => this.respond(query, peer));
  }

  static start(): Promise<TestDnsServer> {
    const socket = createSocket('udp4');
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => {
        resolve(new TestDnsServer(socket, `127.0.0.1:${socket.address().port}`));
      });
    });
  }

  /** Publishes TXT records at `name` (one record per value). */
  setTxt(name: string, values: string[]): void {
    this.answers.set(normalize(name), { txt: values });
  }

  /** Makes lookups of `name` fail with SERVFAIL. */
  failFor(name: string): void {
    this.answers.set(normalize(name), 'servfail');
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private respond(query: Buffer, peer: RemoteInfo): void {
    const question = parseQuestion(query);
    if (!question) return; // Not a query we understand: a real server would drop it too.
    const answer = this.answers.get(question.name);
    const records = answer === undefined || answer === 'servfail' ? [] : answer.txt;
    const rcode =
      answer === undefined ? RCODE.nameError : answer === 'servfail' ? RCODE.serverFailure : RCODE.noError;
    const answers = question.type === TYPE_TXT ? records.map(txtRecord) : [];
    const header = Buffer.alloc(12);
    header.writeUInt16BE(query.readUInt16BE(0), 0); // same id
    // QR (response), the query's opcode and RD bit, AA (authoritative), RA, and the rcode.
    header.writeUInt16BE(0x8000 | (query.readUInt16BE(2) & 0x7900) | 0x0400 | 0x0080 | rcode, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const response = Buffer.concat([header, question.section, ...answers]);
    this.socket.send(response, peer.port, peer.address);
  }
}

const normalize = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** The first question of a query: its name, type and raw bytes (echoed in the response). */
function parseQuestion(query: Buffer): { name: string; type: number; section: Buffer } | undefined {
  if (query.length < 12 || query.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length) {
    const length = query.readUInt8(offset);
    offset += 1;
    if (length === 0) break;
    if (length > 63 || offset + length > query.length) return undefined; // no compression in questions
    labels.push(query.toString('latin1', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > query.length) return undefined;
  const type = query.readUInt16BE(offset);
  return { name: normalize(labels.join('.')), type, section: query.subarray(12, offset + 4) };
}

/** One TXT answer for the question's name (a pointer to offset 12); long values split in 255-byte strings. */
function txtRecord(value: string): Buffer {
  const bytes = Buffer.from(value);
  const strings: Buffer[] = [];
  for (let i = 0; i < bytes.length || strings.length === 0; i += 255) {
    const chunk = bytes.subarray(i, i + 255);
    strings.push(Buffer.concat([Buffer.from([chunk.length]), chunk]));
  }
  const rdata = Buffer.concat(strings);
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0);
  fixed.writeUInt16BE(TYPE_TXT, 2);
  fixed.writeUInt16BE(CLASS_IN, 4);
  fixed.writeUInt32BE(0, 6); // TTL 0: never cached
  fixed.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([fixed, rdata]);
}
