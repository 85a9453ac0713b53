package io.latchkey.server.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trusted-proxy address list: literal IPv4 and IPv6 addresses and CIDR ranges only, never a
 * host name, and an address of one family never inside a range of the other.
 */
class AddressRangesTest {

    @Test
    void an_ipv4_cidr_holds_exactly_the_addresses_under_its_prefix() {
        AddressRanges ranges = AddressRanges.of(List.of("10.0.0.0/8"));

        assertThat(ranges.contains("10.0.0.0")).isTrue();
        assertThat(ranges.contains("10.255.255.255")).isTrue();
        assertThat(ranges.contains("9.255.255.255")).isFalse();
        assertThat(ranges.contains("11.0.0.0")).isFalse();
    }

    @Test
    void a_prefix_that_ends_inside_a_byte_compares_only_its_bits() {
        AddressRanges ranges = AddressRanges.of(List.of("192.0.2.128/25", "10.128.0.0/9"));

        assertThat(ranges.contains("192.0.2.128")).isTrue();
        assertThat(ranges.contains("192.0.2.255")).isTrue();
        assertThat(ranges.contains("192.0.2.127")).isFalse();
        assertThat(ranges.contains("10.128.0.0")).isTrue();
        assertThat(ranges.contains("10.255.255.255")).isTrue();
        assertThat(ranges.contains("10.127.255.255")).isFalse();
    }

    @Test
    void host_bits_set_in_the_network_are_ignored() {
        AddressRanges ranges = AddressRanges.of(List.of("10.1.2.3/8"));

        assertThat(ranges.contains("10.200.0.1")).isTrue();
        assertThat(ranges.contains("11.1.2.3")).isFalse();
    }

    @Test
    void an_address_without_a_prefix_and_the_full_length_prefix_hold_that_address_only() {
        for (String spec : List.of("192.0.2.7", "192.0.2.7/32")) {
            AddressRanges ranges = AddressRanges.of(List.of(spec));
            assertThat(ranges.contains("192.0.2.7")).as(spec).isTrue();
            assertThat(ranges.contains("192.0.2.6")).as(spec).isFalse();
            assertThat(ranges.contains("192.0.2.8")).as(spec).isFalse();
        }
        for (String spec : List.of("2001:db8::7", "2001:db8::7/128")) {
            AddressRanges ranges = AddressRanges.of(List.of(spec));
            assertThat(ranges.contains("2001:db8::7")).as(spec).isTrue();
            assertThat(ranges.contains("2001:db8:0:0:0:0:0:7")).as(spec).isTrue();
            assertThat(ranges.contains("2001:db8::6")).as(spec).isFalse();
            assertThat(ranges.contains("2001:db8::8")).as(spec).isFalse();
        }
    }

    @Test
    void prefix_zero_holds_every_address_of_its_family_and_none_of_the_other() {
        AddressRanges v4 = AddressRanges.of(List.of("0.0.0.0/0"));
        AddressRanges v6 = AddressRanges.of(List.of("::/0"));

        assertThat(v4.contains("0.0.0.0")).isTrue();
        assertThat(v4.contains("203.0.113.9")).isTrue();
        assertThat(v4.contains("255.255.255.255")).isTrue();
        assertThat(v4.contains("::")).isFalse();
        assertThat(v4.contains("::1")).isFalse();
        assertThat(v4.contains("2001:db8::1")).isFalse();

        assertThat(v6.contains("::")).isTrue();
        assertThat(v6.contains("::1")).isTrue();
        assertThat(v6.contains("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(v6.contains("0.0.0.0")).isFalse();
        assertThat(v6.contains("127.0.0.1")).isFalse();
    }

    @Test
    void ipv6_ranges_match_in_any_spelling_of_the_address() {
        AddressRanges ranges = AddressRanges.of(List.of("2001:db8::/32", "::1"));

        assertThat(ranges.contains("2001:db8::1")).isTrue();
        assertThat(ranges.contains("2001:DB8:FFFF:0:0:0:0:1")).isTrue();
        assertThat(ranges.contains("2001:0db8:0000::0001")).isTrue();
        assertThat(ranges.contains("2001:db9::")).isFalse();
        assertThat(ranges.contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(ranges.contains("::2")).isFalse();
    }

    @Test
    void the_ipv4_loopback_and_the_ipv6_loopback_are_different_families() {
        AddressRanges v4 = AddressRanges.of(List.of("127.0.0.1/32"));
        AddressRanges v6 = AddressRanges.of(List.of("::1/128"));

        assertThat(v4.contains("::1")).isFalse();
        assertThat(v6.contains("127.0.0.1")).isFalse();
        // The IPv4-compatible form ::127.0.0.1 is an IPv6 address (16 bytes), not 127.0.0.1.
        assertThat(v4.contains("::127.0.0.1")).isFalse();
    }

    /**
     * The JDK reads an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as the IPv4 address itself,
     * which is also how a dual-stack socket reports an IPv4 client; so it is matched as IPv4.
     */
    @Test
    void an_ipv4_mapped_address_is_the_ipv4_address() {
        AddressRanges v4 = AddressRanges.of(List.of("10.0.0.0/8"));
        AddressRanges v6 = AddressRanges.of(List.of("::/0"));

        assertThat(v4.contains("::ffff:10.1.2.3")).isTrue();
        assertThat(v6.contains("::ffff:10.1.2.3")).isFalse();
    }

    @Test
    void any_of_several_ranges_may_hold_the_address() {
        AddressRanges ranges = AddressRanges.of(List.of("192.0.2.7", " 10.0.0.0/8 ", "fd00::/8"));

        assertThat(ranges.contains("192.0.2.7")).isTrue();
        assertThat(ranges.contains("10.9.9.9")).isTrue();
        assertThat(ranges.contains("fd12:3456::1")).isTrue();
        assertThat(ranges.contains("172.16.0.1")).isFalse();
        assertThat(ranges.contains("fe80::1")).isFalse();
    }

    @Test
    void an_empty_list_holds_nothing() {
        AddressRanges none = AddressRanges.of(List.of());

        assertThat(none.contains("127.0.0.1")).isFalse();
        assertThat(none.contains("::1")).isFalse();
    }

    /**
     * localhost is in every hosts file and resolves to 127.0.0.1 without DNS: if the class resolved
     * names, "localhost" would be valid and 127.0.0.1 would match it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost/8", "example.com", "example.com/24", "proxy", "proxy.internal",
            "ip6-localhost"})
    void host_names_are_refused_without_being_resolved(String spec) {
        assertThat(AddressRanges.valid(spec)).isFalse();
        assertThatThrownBy(() -> AddressRanges.of(List.of("127.0.0.0/8", spec)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(spec);
    }

    @Test
    void a_host_name_is_never_contained_even_when_it_would_resolve_into_the_range() {
        AddressRanges loopback = AddressRanges.of(List.of("127.0.0.0/8", "::1"));

        assertThat(loopback.contains("localhost")).isFalse();
        assertThat(loopback.contains("example.com")).isFalse();
        assertThat(loopback.contains(null)).isFalse();
        assertThat(loopback.contains("")).isFalse();
        assertThat(loopback.contains("127.0.0.1 ")).isFalse();
        assertThat(loopback.contains("127.0.0.1")).isTrue();
    }

    /**
     * Names made only of hex digits, dots and colons pass the literal check and reach
     * {@code InetAddress.getByName}, which then asks the resolver (measured in the sandbox: a 6 to 40
     * ms lookup answering "Name or service not known"). Without DNS they are refused because they do
     * not resolve; where they do resolve, they are accepted and trust depends on DNS.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cafe.de", "dead.beef", "face.b00c/16", "256.1.1.1", "1.2.3.4.5", "127.0.0.1."})
    void hex_only_host_names_are_refused_before_any_lookup(String spec) {
        assertThat(AddressRanges.valid(spec)).isFalse();
        assertThat(AddressRanges.of(List.of("0.0.0.0/0")).contains(spec)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/abc", "10.0.0.0/8/8", "10.0.0.0/ 8",
            "::/129", "2001:db8::/-0x1", "/8", "", "   ", "10.0.0.0 /8", "1:2:3:4:5:6:7:8:9", "::1%",
            "10.0.0.0/99999999999"})
    void bad_addresses_and_prefixes_are_refused(String spec) {
        assertThat(AddressRanges.valid(spec)).isFalse();
        assertThatThrownBy(() -> AddressRanges.of(List.of(spec))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_prefix_is_bounded_by_the_length_of_its_own_family() {
        assertThat(AddressRanges.valid("0.0.0.0/0")).isTrue();
        assertThat(AddressRanges.valid("10.0.0.0/32")).isTrue();
        assertThat(AddressRanges.valid("10.0.0.0/33")).isFalse();
        assertThat(AddressRanges.valid("::/0")).isTrue();
        assertThat(AddressRanges.valid("::/128")).isTrue();
        assertThat(AddressRanges.valid("::/129")).isFalse();
        assertThat(AddressRanges.valid("2001:db8::/64")).isTrue();
        assertThatThrownBy(() -> AddressRanges.of(List.of("10.0.0.0/33")))
                .hasMessageContaining("prefix").hasMessageContaining("10.0.0.0/33");
    }
}
