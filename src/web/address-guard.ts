import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

/**
 * Where onrecord must not connect unless told to (`--allow-private`): a page or a redirect pointing at
 * the machine itself, the local network or a cloud metadata service would let anyone who writes a feed
 * read what only this machine can reach. The check runs on the address a name RESOLVES to, at connect
 * time, for every hop, so DNS tricks and redirects cannot get around it.
 */
const FORBIDDEN: [string, number, "ipv4" | "ipv6", string][] = [
  ["0.0.0.0", 8, "ipv4", "unspecified"],
  ["10.0.0.0", 8, "ipv4", "private"],
  ["100.64.0.0", 10, "ipv4", "shared (carrier-grade NAT)"],
  ["127.0.0.0", 8, "ipv4", "loopback"],
  ["169.254.0.0", 16, "ipv4", "link-local or metadata"],
  ["172.16.0.0", 12, "ipv4", "private"],
  ["192.0.0.0", 24, "ipv4", "IETF protocol assignments"],
  ["192.168.0.0", 16, "ipv4", "private"],
  ["198.18.0.0", 15, "ipv4", "benchmarking"],
  ["224.0.0.0", 4, "ipv4", "multicast"],
  ["240.0.0.0", 4, "ipv4", "reserved or broadcast"],
  ["::", 128, "ipv6", "unspecified"],
  ["::1", 128, "ipv6", "loopback"],
  ["64:ff9b:1::", 48, "ipv6", "local-use NAT64"],
  ["fc00::", 7, "ipv6", "private (unique local)"],
  ["fe80::", 10, "ipv6", "link-local"],
  ["fec0::", 10, "ipv6", "site-local"],
  ["ff00::", 8, "ipv6", "multicast"],
  ["fd00:ec2::254", 128, "ipv6", "metadata"],
];

const lists = FORBIDDEN.map(([network, prefix, family, reason]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, family, reason };
});

/** Why connecting to this IP address is refused, or null when it is a public address. */
export function forbiddenReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const version = isIP(bare);
  if (version === 0) return "not an IP address";
  // IPv4 inside IPv6 (::ffff:127.0.0.1, ::127.0.0.1, 64:ff9b::7f00:1) reaches the IPv4 host: judge that.
  const embedded = version === 6 ? embeddedIpv4(bare) : null;
  if (embedded) return forbiddenReason(embedded);
  const family = version === 4 ? "ipv4" : "ipv6";
  for (const { list, family: listFamily, reason } of lists) {
    if (listFamily === family && list.check(bare, family)) return reason;
  }
  return null;
}

/** The IPv4 address carried by an IPv4-mapped, IPv4-compatible or NAT64 IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (!groups) return null;
  const head = groups.slice(0, 6);
  const mapped = head.slice(0, 5).every((g) => g === 0) && (head[5] === 0xffff || head[5] === 0);
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && head.slice(2).every((g) => g === 0);
  // "::" and "::1" are themselves IPv6 special addresses, not IPv4 0.0.0.x.
  if (head[5] === 0 && !nat64 && (groups[6] ?? 0) === 0) return null;
  if (!mapped && !nat64) return null;
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

function expandIpv6(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const parts = dotted[1].split(".").map(Number);
    const [a = 0, b = 0, c = 0, d = 0] = parts;
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left = "", right] = text.split("::");
  const head = left ? left.split(":") : [];
  const tail = right ? right.split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (right === undefined ? head.length !== 8 : missing < 0) return null;
  const groups = [...head, ...Array<string>(right === undefined ? 0 : missing).fill("0"), ...tail].map((g) =>
    Number.parseInt(g, 16),
  );
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

export class ForbiddenAddressError extends Error {
  readonly code = "ONRECORD_FORBIDDEN_ADDRESS";
}

/**
 * Which addresses may be reached: all (`--allow-private`), or only public ones plus an explicit list
 * (tests allow their own server this way and nothing else).
 */
export interface AddressPolicy {
  allowPrivate: boolean;
  allowAddresses?: readonly string[];
}

/** Why this resolved address is refused under the policy, or null. */
export function refusedUnder(policy: AddressPolicy, address: string): string | null {
  if (policy.allowPrivate || policy.allowAddresses?.includes(address)) return null;
  return forbiddenReason(address);
}

/**
 * Refuses a URL before any connection: only http(s), and an IP-literal host must be allowed (names are
 * checked once resolved, in guardedLookup).
 */
export function checkUrl(url: URL, policy: AddressPolicy): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ForbiddenAddressError(`only http and https URLs are fetched, not ${url.protocol}`);
  }
  // The URL parser has already turned decimal, octal and hex hosts (2130706433, 0177.1) into dotted form.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    const reason = refusedUnder(policy, host);
    if (reason) throw refusal(host, reason);
  }
}

function refusal(address: string, reason: string): ForbiddenAddressError {
  return new ForbiddenAddressError(
    `refused to connect to ${address} (${reason} address; use --allow-private for local sources)`,
  );
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A dns.lookup for the HTTP agent's connect step: resolves every address of the name and refuses the
 * connection if any is forbidden (a name with one public and one private address is not trusted).
 */
export function guardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const list = addresses as LookupAddress[];
      for (const entry of list) {
        const reason = refusedUnder(policy, entry.address);
        if (reason) return callback(refusal(`${hostname} (${entry.address})`, reason), "");
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0];
      if (!first)
        return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "");
      callback(null, first.address, first.family);
    });
  };
}
