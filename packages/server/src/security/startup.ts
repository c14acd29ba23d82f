import type { Config } from '../config/env';
import { createHttpHsmAdapter, type CryptoProvider, CryptoSelfTestError, cryptoProviderFor, type HsmAdapter, utf8 } from '../lib/crypto';

/**
 * The crypto of a process, self-tested: gm profiles run the SM3/SM4/SM2 known-answer vectors
 * (cryptoProviderFor), gm-hsm also checks the device (random, a signature verified locally,
 * wrap/unwrap). Any failure throws CryptoSelfTestError and the server does not start.
 */
export async function prepareCrypto(config: Config): Promise<{ crypto: CryptoProvider; hsm: HsmAdapter | null }> {
  const crypto = cryptoProviderFor(config.cryptoProfile);
  if (config.cryptoProfile !== 'gm-hsm' || !config.hsm) return { crypto, hsm: null };
  const hsm = createHttpHsmAdapter({ url: config.hsm.url, token: config.hsm.token, timeoutMs: 5000 });
  await hsmSelfTest(crypto, hsm, config.hsm.signLabel, config.hsm.kekLabel);
  return { crypto, hsm };
}

export async function hsmSelfTest(crypto: CryptoProvider, hsm: HsmAdapter, signLabel: string, kekLabel: string): Promise<void> {
  const failures: string[] = [];
  try {
    const random = await hsm.random(16);
    if (random.length !== 16) failures.push('密码机随机数长度不符');
    const message = `kaohe hsm self-test ${Buffer.from(random).toString('hex')}`;
    const [signature, publicKey] = await Promise.all([hsm.sign(signLabel, utf8(message)), hsm.publicKey(signLabel)]);
    if (!crypto.verify(publicKey, message, signature)) failures.push('密码机 SM2 签名未通过本地验签（不是标准 SM2/默认 ID？）');
    const wrapped = await hsm.wrap(kekLabel, random);
    const back = await hsm.unwrap(kekLabel, wrapped);
    if (Buffer.compare(Buffer.from(back), Buffer.from(random)) !== 0) failures.push('密码机密钥封装/解封结果不一致');
  } catch (error) {
    failures.push((error as Error).message);
  }
  if (failures.length > 0) throw new CryptoSelfTestError(failures);
}
