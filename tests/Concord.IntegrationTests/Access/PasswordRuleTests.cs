using System.Net;
using Concord.Access;

namespace Concord.IntegrationTests.Access;

/// <summary>New passwords follow NIST SP 800-63B: long enough, not common or breached, not the user's or organisation's name.</summary>
public class PasswordRuleTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ChangePassword_RefusesWeakPasswords_NamingTheRule_AndChangesNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var user = await alliance.PasswordClientAsync("Alpha", Role.Analyst);

        foreach (var (password, rule) in new[]
        {
            ("fourteen chars", "password-too-short"),
            ("passwordpassword", "password-common"),
            ("qwertyuiopasdfgh", "password-common"),
            ("Password1234567!", "password-common"),
            ("zzzzzzzzzzzzzzzzzzzz", "password-repetitive"),
            ("my alpha-analyst account", "password-contains-user-name"),
            ("the alpha team rocks on", "password-contains-organisation"),
            ("concord keeps us all safe", "password-contains-service-name"),
        })
        {
            var refused = await user.PostJsonAsync("/api/v1/me/password", new { currentPassword = TestAlliance.Password, newPassword = password });
            await refused.AssertProblemAsync(HttpStatusCode.BadRequest, rule);
            Assert.Equal("newPassword", (await refused.JsonAsync()).GetProperty("field").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/me", AccessHttp.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await user.PostJsonAsync("/api/v1/me/password",
            new { currentPassword = TestAlliance.Password, newPassword = "seven purple kites over lagos" })).StatusCode);
    }
}
