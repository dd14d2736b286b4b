package org.cityservice.identity;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Who is asking, for limits per client: the peer's address, unless the peer is one of our own
 * proxies ({@code app.http.trusted-proxies}, addresses or CIDR ranges), in which case the nearest
 * address in {@code X-Forwarded-For} that is not ours. A header from anyone else is ignored: a client
 * cannot pick the address it is counted under.
 */
@Component
class ClientAddress {

    /** @param trustedProxies the reverse proxies in front of the backend; empty: X-Forwarded-For is never read */
    @ConfigurationProperties("app.http")
    record Settings(@DefaultValue List<String> trustedProxies) {}

    /** An address range: the first {@code bits} bits of {@code network}. */
    private record Range(byte[] network, int bits) {

        static Range parse(String cidr) {
            String[] parts = cidr.strip().split("/", 2);
            byte[] network = address(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("app.http.trusted-proxies: not an address or range: " + cidr);
            }
            int bits = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : network.length * 8;
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("app.http.trusted-proxies: no such prefix length: " + cidr);
            }
            return new Range(network, bits);
        }

        boolean contains(byte[] candidate) {
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Range> trusted;

    ClientAddress(Settings settings) {
        this.trusted = settings.trustedProxies().stream().map(Range::parse).toList();
    }

    String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        if (!trusted(peer)) {
            return peer;
        }
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i).strip();
            if (!literal(hop)) {
                return peer; // not an address: the header is not one our proxies wrote
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /**
     * What one client is counted under: an IPv4 address, or the /64 of an IPv6 one (a single home or
     * phone gets a whole /64 and could otherwise take a fresh address for every try).
     */
    static String bucket(String address) {
        byte[] bytes = address(address);
        if (bytes == null || bytes.length == 4) {
            return address;
        }
        return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
    }

    private boolean trusted(String text) {
        byte[] address = address(text);
        return address != null && trusted.stream().anyMatch(range -> range.contains(address));
    }

    private static boolean literal(String text) {
        return address(text) != null;
    }

    /** The bytes of an IPv4 or IPv6 literal; null for anything else (never a name: no DNS lookup). */
    private static byte @Nullable [] address(String text) {
        boolean ipv4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && Arrays.stream(text.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean ipv6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            return null; // "cafe" would be looked up as a host name
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
