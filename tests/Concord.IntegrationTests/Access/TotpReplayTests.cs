using System.Net;
using System.Net.Http.Json;
using Concord.Access;
using Concord.Access.Data;
using Concord.IntegrationTests.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Access;

/// <summary>One code, one sign-in, even when two requests carry it at the same moment (the step is claimed atomically).</summary>
public class TotpReplayTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TheSameCode_SentTwiceAtOnce_SignsInOnce(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var userId = await alliance.UserIdAsync("Alpha", Role.Analyst);
        string key;
        await using (var scope = node.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AccessUser>>();
            var user = (await users.FindByIdAsync(userId.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        var code = Totp.Code(key, node.Time.GetUtcNow());
        var body = new { userName = TestAlliance.UserName("Alpha", Role.Analyst), password = TestAlliance.Password, totpCode = code };
        var clients = Enumerable.Range(0, 4).Select(_ => node.CreateClient()).ToList();

        var answers = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync("/api/v1/auth/login", body, AccessHttp.Ct)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        clients.ForEach(c => c.Dispose());
    }
}
