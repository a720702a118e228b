/**
 * Watches the frames a client sends, from the raw bytes of its socket, for API Gateway's frame
 * size limit (32 KB [doc: quotas]): `ws` limits whole messages (`maxPayload`) but not frames. It
 * reads only frame headers and skips payloads, so it costs little per chunk.
 */
export class FrameSizeGuard {
  private readonly header = Buffer.alloc(14);
  private headerLength = 0;
  /** How many header bytes the current frame has: 2 until the length field says more. */
  private headerSize = 2;
  /** Payload bytes of the current frame still to skip. */
  private skip = 0;
  private tripped = false;

  constructor(private readonly limit: number, private readonly onTooLarge: (payloadBytes: number) => void) {}

  /** Reads the next bytes the client sent. */
  write(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && !this.tripped) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - offset);
        this.skip -= n;
        offset += n;
        continue;
      }
      const n = Math.min(this.headerSize - this.headerLength, chunk.length - offset);
      chunk.copy(this.header, this.headerLength, offset, offset + n);
      this.headerLength += n;
      offset += n;
      if (this.headerLength < this.headerSize) continue;
      // The second byte says how long the header is: a 7-bit length, or 2 or 8 more bytes, then a 4-byte mask.
      const length7 = this.header[1] & 0x7f;
      const size = 2 + (length7 === 126 ? 2 : length7 === 127 ? 8 : 0) + ((this.header[1] & 0x80) !== 0 ? 4 : 0);
      if (size > this.headerLength) {
        this.headerSize = size;
        continue;
      }
      const payload = length7 === 126 ? this.header.readUInt16BE(2) : length7 === 127 ? Number(this.header.readBigUInt64BE(2)) : length7;
      // Data frames only: control frames (opcode 8 and up) carry at most 125 bytes.
      if ((this.header[0] & 0x0f) < 8 && payload > this.limit) {
        this.tripped = true;
        this.onTooLarge(payload);
        return;
      }
      this.skip = payload;
      this.headerLength = 0;
      this.headerSize = 2;
    }
  }
}
