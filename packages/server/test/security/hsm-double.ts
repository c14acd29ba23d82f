import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSoftHsm, fromBase64, type HsmAdapter, toBase64 } from '../../src/lib/crypto';

/**
 * A 密码机 test double on loopback: a real HTTP server speaking the adapter's JSON protocol,
 * backed by the in-memory soft HSM. `corruptSignatures` makes it return wrong signatures.
 */
export async function serveHsmDouble(options: { token?: string; corruptSignatures?: boolean } = {}) {
  const hsm = createSoftHsm();
  type Body = { bytes: number; keyLabel: string; data: string };
  const handlers: Record<string, (body: Body) => Promise<unknown>> = {
    random: async (b) => ({ random: toBase64(await hsm.random(b.bytes)) }),
    sign: async (b) => {
      const signature = await hsm.sign(b.keyLabel, fromBase64(b.data));
      return { signature: options.corruptSignatures ? signature.replace(/.$/, (c) => (c === '0' ? '1' : '0')) : signature };
    },
    'public-key': async (b) => ({ publicKey: await hsm.publicKey(b.keyLabel) }),
    wrap: async (b) => ({ wrapped: toBase64(await hsm.wrap(b.keyLabel, fromBase64(b.data))) }),
    unwrap: async (b) => ({ data: toBase64(await hsm.unwrap(b.keyLabel, fromBase64(b.data))) }),
  };
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const path = (req.url ?? '').replace(/^\//, '');
      calls.push(path);
      if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
        res.writeHead(401).end();
        return;
      }
      const handler = handlers[path];
      if (!handler || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      try {
        const out = await handler(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
      } catch {
        res.writeHead(500).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hsm: hsm as HsmAdapter, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
