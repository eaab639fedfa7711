using Concord.Access.Authentication;
using Concord.Access.Features.Validation;

namespace Concord.Access.Tests;

public class CredentialRuleTests
{
    [Fact]
    public void ApiKey_Generated_ParsesBackToItsPrefixAndSecret()
    {
        var (prefix, secret, key) = ApiKeyFormat.Generate();

        Assert.True(ApiKeyFormat.TryParse(key, out var p, out var s));
        Assert.Equal((prefix, secret), (p, s));
        Assert.Equal(16, prefix.Length);
        Assert.Equal(43, secret.Length);
        Assert.True(ApiKeyFormat.Matches(secret, ApiKeyFormat.Hash(secret)));
        Assert.False(ApiKeyFormat.Matches(secret + "x", ApiKeyFormat.Hash(secret)));
    }

    [Fact]
    public void ApiKey_GeneratedTwice_Differs() => Assert.NotEqual(ApiKeyFormat.Generate().Key, ApiKeyFormat.Generate().Key);

    [Theory]
    [InlineData("")]
    [InlineData("ck_")]
    [InlineData("ck_short_secret")]
    [InlineData("xx_0123456789abcdef_0123456789012345678901234567890123456789abc")]
    [InlineData("ck_0123456789abcdef_tooshort")]
    public void ApiKey_Malformed_DoesNotParse(string key) => Assert.False(ApiKeyFormat.TryParse(key, out _, out _));

    [Fact]
    public void OneTimePassword_IsLongAndRandom()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => PasswordGenerator.Generate()).ToList();
        Assert.All(passwords, p => Assert.Equal(23, p.Length));
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }

    [Fact]
    public void Countries_AreTheOfficialIsoAlpha2Codes()
    {
        Assert.Equal(249, Countries.Count);
        Assert.True(Countries.IsValid("de"));
        Assert.True(Countries.IsValid("SS"));
        Assert.False(Countries.IsValid("UK"));
        Assert.False(Countries.IsValid("EU"));
        Assert.False(Countries.IsValid("DEU"));
    }

    [Fact]
    public void Names_OfRolesAndTypes_RoundTrip()
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            Assert.True(AccessNames.TryParseRole(AccessNames.Of(role), out var parsed));
            Assert.Equal(role, parsed);
        }

        foreach (var type in Enum.GetValues<OrganisationType>())
        {
            Assert.True(AccessNames.TryParseType(AccessNames.Of(type), out var parsed));
            Assert.Equal(type, parsed);
        }
    }

    [Fact]
    public void Caller_OrgAdmin_AdministersOnlyItsOwnOrganisation()
    {
        var org = Guid.NewGuid();
        var admin = new Caller(Guid.NewGuid(), null, org, Role.OrgAdmin);
        var analyst = admin with { Role = Role.Analyst };
        var nodeAdmin = new Caller(Guid.NewGuid(), null, null, Role.NodeAdmin);

        Assert.True(admin.Administers(org));
        Assert.False(admin.Administers(Guid.NewGuid()));
        Assert.False(admin.Administers(null));
        Assert.False(analyst.Administers(org));
        Assert.True(nodeAdmin.Administers(Guid.NewGuid()));
    }
}
