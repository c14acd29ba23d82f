import { HashMD } from '@noble/hashes/_md.js';
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { clean, createHasher, rotl } from '@noble/hashes/utils.js';

/**
 * SM3 (GB/T 32905-2016) as a streaming @noble/hashes hash, so noble's PBKDF2 can run
 * PBKDF2-HMAC-SM3 with the inner and outer HMAC states computed once (RFC 8018). Written here
 * because sm-crypto-v2's one-shot sm3() costs ~58 µs a call (≈ 11 s for 100 000 iterations);
 * this one is checked against sm-crypto-v2 and sm-crypto in T/security/crypto-provider.test.ts.
 */
const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const W = new Uint32Array(68);
const T = Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32) | 0);
const p0 = (x: number) => x ^ rotl(x, 9) ^ rotl(x, 17);
const p1 = (x: number) => x ^ rotl(x, 15) ^ rotl(x, 23);

class Sm3 extends HashMD<Sm3> {
  private A = IV[0]! | 0;
  private B = IV[1]! | 0;
  private C = IV[2]! | 0;
  private D = IV[3]! | 0;
  private E = IV[4]! | 0;
  private F = IV[5]! | 0;
  private G = IV[6]! | 0;
  private H = IV[7]! | 0;
  constructor() {
    super(64, 32, 8, false);
  }
  protected get(): number[] {
    return [this.A, this.B, this.C, this.D, this.E, this.F, this.G, this.H];
  }
  protected set(A: number, B: number, C: number, D: number, E: number, F: number, G: number, H: number): void {
    this.A = A | 0;
    this.B = B | 0;
    this.C = C | 0;
    this.D = D | 0;
    this.E = E | 0;
    this.F = F | 0;
    this.G = G | 0;
    this.H = H | 0;
  }
  _cloneInto(to?: Sm3): Sm3 {
    const target = to ?? new Sm3();
    target.set(...(this.get() as [number, number, number, number, number, number, number, number]));
    return this._cloneIntoMeta(target);
  }
  protected process(view: DataView, offset: number): void {
    for (let i = 0; i < 16; i++, offset += 4) W[i] = view.getUint32(offset, false);
    for (let j = 16; j < 68; j++) W[j] = p1(W[j - 16]! ^ W[j - 9]! ^ rotl(W[j - 3]!, 15)) ^ rotl(W[j - 13]!, 7) ^ W[j - 6]!;
    let { A, B, C, D, E, F, G, H } = this;
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(A, 12);
      const ss1 = rotl((a12 + E + T[j]!) | 0, 7);
      const ss2 = ss1 ^ a12;
      const ff = j < 16 ? A ^ B ^ C : (A & B) | (A & C) | (B & C);
      const gg = j < 16 ? E ^ F ^ G : (E & F) | (~E & G);
      const tt1 = (ff + D + ss2 + (W[j]! ^ W[j + 4]!)) | 0;
      const tt2 = (gg + H + ss1 + W[j]!) | 0;
      D = C;
      C = rotl(B, 9);
      B = A;
      A = tt1;
      H = G;
      G = rotl(F, 19);
      F = E;
      E = p0(tt2);
    }
    this.set(A ^ this.A, B ^ this.B, C ^ this.C, D ^ this.D, E ^ this.E, F ^ this.F, G ^ this.G, H ^ this.H);
  }
  protected roundClean(): void {
    clean(W);
  }
  destroy(): void {
    this.destroyed = true;
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
    clean(this.buffer);
  }
}

export const sm3Hash = createHasher(() => new Sm3());

/** PBKDF2-HMAC-SM3 (GB/T 32905 hash in RFC 8018 PBKDF2), yielding to the event loop while it runs. */
export function pbkdf2Sm3(password: string | Uint8Array, salt: Uint8Array, iterations: number, bytes = 32): Promise<Uint8Array> {
  return pbkdf2Async(sm3Hash, password, salt, { c: iterations, dkLen: bytes, asyncTick: 50 });
}
