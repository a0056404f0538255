/** The token of an `Authorization: Bearer <token>` header (RFC 6750, section 2.1), or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}
