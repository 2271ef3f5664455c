/**
 * `mask` mode keeps a hint (enough for a human or the model to tell two values apart in
 * context) and hides the rest. Masks use only `*`, letters, digits and the value's own
 * separators: no quotes or backslashes (JSON text stays valid) and nothing a detector
 * matches again (redaction is idempotent).
 */

/** `john.doe@example.com` → `j***@e***.com` */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  const domain = value.slice(at + 1);
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  return `${value.slice(0, 1)}***@${domain.slice(0, 1)}***.${tld}`;
}

/** Hides every digit but the last `keep`, leaving separators in place. */
function maskDigits(value: string, keep: number): string {
  let seen = 0;
  const total = value.replace(/\D/g, '').length;
  return value.replace(/\d/g, (d) => {
    seen += 1;
    return seen > total - keep ? d : '*';
  });
}

/** `+1 (415) 555-2671` → `+* (***) ***-**71` */
export const maskPhone = (value: string): string => maskDigits(value, 2);

/** `4242 4242 4242 4242` → `**** **** **** 4242` */
export const maskCard = (value: string): string => maskDigits(value, 4);

/** `123-45-6789` → `***-**-6789` */
export const maskSsn = (value: string): string => maskDigits(value, 4);

/** `DE89 3704 0044 0532 0130 00` → `DE** **** **** **** **30 00`: country and last four kept. */
export function maskIban(value: string): string {
  const total = value.replace(/[^A-Z0-9]/g, '').length;
  let seen = 0;
  return value.replace(/[A-Z0-9]/g, (c) => {
    seen += 1;
    return seen <= 2 || seen > total - 4 ? c : '*';
  });
}

/** `192.168.1.20` → `192.*.*.*` */
export function maskIpv4(value: string): string {
  return `${value.slice(0, value.indexOf('.'))}.*.*.*`;
}

/**
 * `2001:db8::1` → `2001:****`, `::ffff:10.0.0.1` → `::****`: the first group (the network's
 * start) kept, followed by one colon only (`fe80::****` would match again as `fe80::`).
 */
export function maskIpv6(value: string): string {
  const first = /^[0-9A-Fa-f]*/.exec(value)?.[0] ?? '';
  return first === '' ? '::****' : `${first}:****`;
}

/** The vendor prefix says which kind of key leaked (worth knowing) without any of the key. */
const SECRET_PREFIX =
  /^(?:sk-ant-|sk-proj-|sk-svcacct-|sk-admin-|sk-|[sr]k_(?:live|test)_|A[KS]IA|ABIA|ACCA|gh[pousr]_|github_pat_|xox[abposr]-|AIza|eyJ)/;

const PEM_KIND = /^-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----/;

/**
 * `sk-ant-api03-…` → `sk-ant-***`, a PEM block → `RSA PRIVATE KEY***` (without the armour
 * lines, which would match again); a key without a known prefix → `***`.
 */
export function maskSecret(value: string): string {
  const pem = PEM_KIND.exec(value);
  if (pem !== null) return `${pem[1] ?? ''}***`;
  return `${SECRET_PREFIX.exec(value)?.[0] ?? ''}***`;
}
