/** The crypto module moved to lib/crypto/; this path stays for existing imports. */
export { type CryptoProvider, createGmCryptoProvider, cryptoProviderByMac, cryptoProviderFor, intlCryptoProvider } from './crypto';
