/**
 * The IOS configuration forms whose value is a secret (or a hash of one, which is as good as the
 * secret to an offline cracker). Each pattern keeps the words before the secret (group 1) and
 * replaces only the secret itself. `[ \t]`, not `\s`: a mask never reaches into the next line.
 */
const SECRET_FORMS: RegExp[] = [
  // enable secret 9 …, username admin privilege 15 secret 9 …, line password 7 …, ppp chap password …
  /(\b(?:secret|password)[ \t]+(?!encryption\b)(?:\d{1,2}[ \t]+)?)\S+/g,
  // snmp-server community <string> RO, snmp-server host 10.0.0.9 version 2c <string>
  /(\bsnmp-server[ \t]+community[ \t]+)\S+/g,
  /(\bsnmp-server[ \t]+host[ \t]+\S+[ \t]+(?:(?:informs|traps)[ \t]+)?version[ \t]+(?:1|2c)[ \t]+)\S+/g,
  // snmp-server user … auth sha <pass> priv aes 128 <pass>
  /(\b(?:auth[ \t]+(?:md5|sha)|priv[ \t]+(?:des|3des|aes(?:[ \t]+\d+)?))[ \t]+)\S+/g,
  // key-string 7 …, ip ospf authentication-key 7 …, ntp authentication-key 1 md5 … 7, pre-shared-key …, wpa-psk ascii 0 …
  /(\bkey-string[ \t]+(?:\d[ \t]+)?)\S+/g,
  /(\bauthentication-key[ \t]+(?:\d+[ \t]+)?(?:(?:md5|sha\d*)[ \t]+)?(?:\d[ \t]+)?)\S+/g,
  /(\bmessage-digest-key[ \t]+\d+[ \t]+md5[ \t]+(?:\d[ \t]+)?)\S+/g,
  /(\bpre-shared-key[ \t]+(?:(?:local|remote)[ \t]+)?(?:\d[ \t]+)?)\S+/g,
  /(\bwpa-psk[ \t]+(?:ascii|hex)[ \t]+(?:\d[ \t]+)?)\S+/g,
  // tacacs-server key 7 …, radius-server key …, server-private 10.1.1.1 key …, crypto isakmp key … address …
  /(\b(?:tacacs-server|radius-server|isakmp|server-private[ \t]+\S+)[ \t]+key[ \t]+(?:\d[ \t]+)?)\S+/g,
  // `key 7 …` on a line of its own (a `tacacs server` or `radius server` block; in a diff after
  // its +/-), but not `key chain NAME`, `key config-key …` or a key chain's numbered `key 1`.
  /^([-+ ]?[ \t]*key[ \t]+(?!chain\b|config-key\b|\d+[ \t]*$)(?:\d[ \t]+)?)\S+/gm,
];

/** A configuration (or a diff of one) with every secret, hash and SNMP community replaced by `<removed>`. */
export function maskConfigSecrets(text: string): string {
  return SECRET_FORMS.reduce((masked, form) => masked.replace(form, '$1<removed>'), text);
}
