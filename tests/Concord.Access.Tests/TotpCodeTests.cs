using System.Text;
using Concord.Access.Authentication;

namespace Concord.Access.Tests;

/// <summary>
/// The authenticator check computes codes itself (to know which 30-second step a code belongs to), so it is held to the
/// RFC's own test vectors rather than to another implementation written alongside it.
/// </summary>
public class TotpCodeTests
{
    // RFC 6238 appendix B, SHA-1: the shared secret "12345678901234567890"; the last six of the eight digits given there.
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void Code_MatchesTheRfc6238TestVectors(long unixSeconds, string expected)
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");

        Assert.Equal(expected, ReplayGuardedAuthenticator.Code(secret, unixSeconds / 30));
    }

    [Fact]
    public void Base32_DecodesIdentitysKeys_AndRejectsOtherText()
    {
        // RFC 4648 section 10: BASE32("foobar") = "MZXW6YTBOI======".
        Assert.Equal("foobar"u8.ToArray(), Base32.Decode("MZXW6YTBOI"));
        Assert.Equal("foobar"u8.ToArray(), Base32.Decode("mzxw6ytboi======"));
        Assert.Empty(Base32.Decode("not base32!"));
    }
}
