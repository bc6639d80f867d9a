package io.parapet.core;

import io.micronaut.context.annotation.Value;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

/**
 * The one rule for every URL the server calls on a user's behalf (model providers, webhooks), checked on the
 * addresses the host resolves to, at creation and again before each call:
 * <ul>
 *   <li>link-local (169.254.0.0/16, fe80::/10, where cloud metadata services live), known metadata addresses,
 *       unspecified and multicast addresses are always refused;
 *   <li>private and loopback addresses (10/8, 172.16/12, 192.168/16, 100.64/10, 127/8, ::1, fc00::/7) only when a
 *       network in {@code parapet.outbound.allowed-private-networks} holds them: local mode allows them all (Ollama
 *       and vLLM on localhost), production mode none unless configured;
 *   <li>public addresses pass.
 * </ul>
 * A host that does not resolve passes the creation check and fails at call time like any unreachable host.
 */
@Singleton
public class OutboundUrlPolicy {
    private static final Set<String> METADATA = Set.of("fd00:ec2:0:0:0:0:0:254", "100.100.100.200");

    private final List<IpSubnetFilterRule> allowedPrivate;

    public OutboundUrlPolicy(@Value("${parapet.outbound.allowed-private-networks:}") List<String> allowedPrivate) {
        this.allowedPrivate = allowedPrivate.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(OutboundUrlPolicy::subnet)
                .toList();
    }

    /** Refused: the reason, naming the address; null when {@code url} may be called. */
    public String refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "'" + url + "' is not a URL";
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            return "only http and https URLs with a host may be called";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return null;
        }
        for (InetAddress address : addresses) {
            String why = refusal(address);
            if (why != null) {
                return "'" + uri.getHost() + "' resolves to " + address.getHostAddress() + ", " + why;
            }
        }
        return null;
    }

    /** Thrown before a call to a URL the policy refuses; its message is ours, safe to show to the caller. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** Before each call: throws {@link Refused} when {@code url} may not be called (DNS may have changed). */
    public void beforeCall(String url) {
        String why = refusal(url);
        if (why != null) {
            throw new Refused("the outbound-URL policy refused the call: " + why);
        }
    }

    /** Throws a 400 naming {@code field} when {@code url} may not be called. */
    public void check(String url, String field) {
        String why = refusal(url);
        if (why != null) {
            throw ParapetException.invalidField(field, why + " (SECURITY.md, outbound URLs)");
        }
    }

    private String refusal(InetAddress address) {
        if (address.isLinkLocalAddress() || METADATA.contains(address.getHostAddress())) {
            return "a link-local or cloud metadata address, which is never called";
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return "an unspecified or multicast address, which is never called";
        }
        if (isPrivate(address)
                && allowedPrivate.stream().noneMatch(rule -> rule.matches(new InetSocketAddress(address, 0)))) {
            return "a private or loopback address not in parapet.outbound.allowed-private-networks";
        }
        return null;
    }

    private static boolean isPrivate(InetAddress address) {
        byte[] b = address.getAddress();
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean sharedV4 = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || uniqueLocalV6 || sharedV4;
    }

    private static IpSubnetFilterRule subnet(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            // Literal addresses only: a name here would be resolved once, at start, and silently go stale.
            InetAddress base =
                    NetUtil.createInetAddressFromIpAddressString(slash < 0 ? cidr : cidr.substring(0, slash));
            if (base == null) {
                throw new IllegalArgumentException("not a literal address");
            }
            int bits = slash < 0 ? base.getAddress().length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            return new IpSubnetFilterRule(base, bits, IpFilterRuleType.ACCEPT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parapet.outbound.allowed-private-networks: '" + cidr
                    + "' is not an address or CIDR network such as 10.0.0.0/8");
        }
    }
}
