using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Cli;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Audit;

/// <summary>
/// The audit trail: what writes, sign-ins and administration leave in it, who reads which entries, and that a changed,
/// removed or reordered entry is found by <c>concord audit verify</c>.
/// </summary>
public class AuditTrailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignInsImportsAndAdministration_LeaveOneEntryEach_WithActorChannelAndAddress(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
        var analystId = await alliance.UserIdAsync("Alpha", Role.Analyst);
        var before = await TailAsync(node);

        using var anonymous = alliance.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostJsonAsync("/api/v1/auth/login",
            new { userName = TestAlliance.UserName("Alpha", Role.Analyst), password = TestAlliance.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alliance.Anonymous().PostJsonAsync("/api/v1/auth/login",
            new { userName = TestAlliance.UserName("Alpha", Role.Analyst), password = "not the password" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alliance.Anonymous().PostJsonAsync("/api/v1/auth/login",
            new { userName = "nobody-here", password = "not the password" })).StatusCode);
        using var bundle = new StringContent(TestBundles.Indicators(2).Json, System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsync("/api/v1/objects/import", bundle, Ct)).StatusCode);

        var entries = (await TailAsync(node)).Skip(before.Count).ToList();

        Assert.Equal(["sign-in", "sign-in.failed", "sign-in.failed", "objects.import"], entries.Select(e => e.Action));
        var (signIn, wrongPassword, unknown, import) = (entries[0], entries[1], entries[2], entries[3]);
        Assert.Equal((AuditActor.User, analystId, alliance.OrgId("Alpha"), AuditChannel.Rest, "127.0.0.1"),
            (signIn.ActorKind, signIn.ActorId, signIn.ActorOrganisationId, signIn.Channel, signIn.Address));
        Assert.Equal((AuditActor.Anonymous, false, analystId.ToString(), "wrong password"),
            (wrongPassword.ActorKind, wrongPassword.Succeeded, wrongPassword.TargetId, wrongPassword.Detail));
        Assert.Equal((null, "unknown account"), (unknown.TargetId, unknown.Detail));
        Assert.DoesNotContain(entries, e => (e.Detail ?? "").Contains("nobody-here", StringComparison.Ordinal));
        Assert.Equal((AuditActor.ApiKey, alliance.OrgId("Alpha"), true), (import.ActorKind, import.ActorOrganisationId, import.Succeeded));
        Assert.Equal("AllOrNothing: processed 2, stored 2, duplicates 0, rejected 0", import.Detail);
        Assert.True((await VerifyAsync(node)).Intact);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Readers_SeeWhatTheirRoleAllows(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alphaAdmin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var bravoAnalyst = await alliance.ClientAsync("Bravo", Role.Analyst);
        var nodeAdmin = await alliance.ClientAsync("Alpha", Role.NodeAdmin);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alliance.Anonymous().PostJsonAsync("/api/v1/auth/login",
            new { userName = TestAlliance.UserName("Bravo", Role.Analyst), password = "wrong" })).StatusCode);

        var all = await QueryAsync(nodeAdmin, "limit=1000");
        var alpha = await QueryAsync(alphaAdmin, "limit=1000");

        Assert.Contains(all, e => e.TargetOrganisationId == alliance.OrgId("Bravo"));
        Assert.NotEmpty(alpha);
        Assert.All(alpha, e => Assert.True(e.ActorOrganisationId == alliance.OrgId("Alpha") || e.TargetOrganisationId == alliance.OrgId("Alpha")));
        Assert.Equal(HttpStatusCode.Forbidden, (await bravoAnalyst.GetAsync("/api/v1/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alphaAdmin.GetAsync("/api/v1/audit/verify", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nodeAdmin.GetAsync("/api/v1/audit/verify", Ct)).StatusCode);
        Assert.Contains("\"channel\":\"rest\"", await nodeAdmin.GetStringAsync("/api/v1/audit?action=sign-in.failed", Ct), StringComparison.Ordinal);

        // Bravo's analyst (a password session) sees the failed sign-in on their account among their own sign-ins.
        using var session = alliance.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await session.PostJsonAsync("/api/v1/auth/login",
            new { userName = TestAlliance.UserName("Bravo", Role.Analyst), password = TestAlliance.Password })).StatusCode);
        var mine = await session.GetFromJsonAsync<List<AuditEntryInfo>>("/api/v1/me/sign-ins", JsonOptions, Ct);
        Assert.Equal(["sign-in", "sign-in.failed"], mine!.Select(e => e.Action));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_NamesTheFirstEntryChangedRemovedOrReordered_AndTheCliExitsNonZero(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie", "Delta");
        var intact = await CliRunner.RunAsync(node, "audit", "verify");
        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.Contains("The audit trail is intact:", intact.Out, StringComparison.Ordinal);

        // The store refuses to change an entry; someone with the database's keys drops the guard first.
        await Assert.ThrowsAnyAsync<Exception>(() => SqlAsync(node, "UPDATE access_audit SET detail = 'x' WHERE seq = 2"));
        await SqlAsync(node, store == Store.Sqlite
            ? "DROP TRIGGER tr_access_audit_no_update; DROP TRIGGER tr_access_audit_no_delete"
            : "DROP TRIGGER tr_access_audit_append_only ON access_audit");

        await SqlAsync(node, "UPDATE access_audit SET detail = 'renamed' WHERE seq = 3");
        var changed = await CliRunner.RunAsync(node, "audit", "verify");
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("entry 3 was changed", changed.Error, StringComparison.Ordinal);
        Assert.Equal((false, 3L, 2L), ((await VerifyAsync(node)).Intact, (await VerifyAsync(node)).FirstBadSeq!.Value, (await VerifyAsync(node)).Entries));

        await SqlAsync(node, "DELETE FROM access_audit WHERE seq >= 3");
        await SqlAsync(node, "DELETE FROM access_audit WHERE seq = 1");
        Assert.Contains("entry 1 is missing", (await VerifyAsync(node)).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_ASwappedPairOfEntries_IsOutOfOrder(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        await SqlAsync(node, store == Store.Sqlite
            ? "DROP TRIGGER tr_access_audit_no_update"
            : "DROP TRIGGER tr_access_audit_append_only ON access_audit");

        // Entries 2 and 3 trade places, each keeping its own fields and hashes.
        await SqlAsync(node, "UPDATE access_audit SET seq = -2 WHERE seq = 2");
        await SqlAsync(node, "UPDATE access_audit SET seq = 2 WHERE seq = 3");
        await SqlAsync(node, "UPDATE access_audit SET seq = 3 WHERE seq = -2");

        var result = await VerifyAsync(node);

        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBadSeq);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static async Task<List<AuditEntryInfo>> QueryAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<AuditPage>($"/api/v1/audit?{query}", JsonOptions, Ct);
        return [.. page!.Entries];
    }

    /// <summary>Every entry, oldest first.</summary>
    private static async Task<List<AuditEntryInfo>> TailAsync(TestNode node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAllAsync(new AuditQuery(Limit: AuditQuery.MaxLimit), Ct);
        return [.. page.Value!.Entries.Reverse()];
    }

    private static async Task<AuditVerification> VerifyAsync(TestNode node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAuditLog>().VerifyAsync(Ct);
    }

    private static async Task SqlAsync(TestNode node, string sql)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Concord.Access.Data.AccessDbContext>();
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await db.Database.ExecuteSqlRawAsync(statement, Ct);
        }
    }
}
