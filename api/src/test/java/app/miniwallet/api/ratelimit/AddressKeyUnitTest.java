package app.miniwallet.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressKeyUnitTest {

    @Test
    void anIpv4AddressCountsAsItself() {
        assertThat(RateLimits.addressKey("10.1.2.3")).isEqualTo("10.1.2.3");
    }

    @Test
    void everyAddressOfAnIpv6Slash64CountsAsTheBlock() {
        assertThat(RateLimits.addressKey("2001:db8:5:7::1")).isEqualTo("2001:db8:5:7:0:0:0:0/64");
        assertThat(RateLimits.addressKey("2001:DB8:5:7:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:5:7:0:0:0:0/64");
        assertThat(RateLimits.addressKey("2001:db8:5:8::1")).isEqualTo("2001:db8:5:8:0:0:0:0/64");
    }

    @Test
    void anIpv4MappedAddressCountsAsItsIpv4Address() {
        assertThat(RateLimits.addressKey("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
    }

    @Test
    void whatIsNoAddressCountsAsItIs() {
        assertThat(RateLimits.addressKey("not an address")).isEqualTo("not an address");
        assertThat(RateLimits.addressKey("zz::1")).isEqualTo("zz::1");
        assertThat(RateLimits.addressKey(null)).isEmpty();
    }
}
