// Which field names hold credentials. One list for every place that must keep secrets out of what it
// writes: the audit log refuses such keys, redact() masks them in logs and error reports.
// Names are compared lower-cased with '-', '_', '.' and spaces removed, by substring, so apiKey, API_KEY,
// x-api-key, clientSecret and private_key all match.
export const CREDENTIAL_NAME_PARTS = ['apikey', 'secret', 'password', 'passwd', 'passphrase', 'privatekey', 'mnemonic', 'seedphrase'] as const;

export function flattenName(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '');
}

export function isCredentialName(name: string): boolean {
  const flat = flattenName(name);
  return CREDENTIAL_NAME_PARTS.some((part) => flat.includes(part));
}
