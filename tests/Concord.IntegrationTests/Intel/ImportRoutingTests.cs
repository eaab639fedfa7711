using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Concord.IntegrationTests.Cli;
using Concord.Intel;
using Concord.Intel.Features.Import;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Intel;

/// <summary>
/// Every import entry point (REST, TAXII, the browser's upload, <c>concord import</c>) runs an import immediately or as
/// a job as Intel's one rule (<see cref="IImportRouting"/>) says, not by a rule of its own.
/// </summary>
public class ImportRoutingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ImportEntry.Rest, 1000L, false, ImportMode.Immediate)]
    [InlineData(ImportEntry.Rest, 1001L, false, ImportMode.Job)]
    [InlineData(ImportEntry.Rest, 10L, true, ImportMode.Job)]
    [InlineData(ImportEntry.Rest, null, false, ImportMode.Job)]
    [InlineData(ImportEntry.Taxii, 500L, false, ImportMode.Immediate)]
    [InlineData(ImportEntry.Taxii, 501L, false, ImportMode.Job)]
    [InlineData(ImportEntry.Upload, 1L, false, ImportMode.Job)]
    [InlineData(ImportEntry.Cli, long.MaxValue, false, ImportMode.Immediate)]
    [InlineData(ImportEntry.Cli, null, false, ImportMode.Immediate)]
    public void Choose_IsAJobPastTheEntryPointsWaitLimit_OrWhenAsked(ImportEntry entry, long? bytes, bool asked, ImportMode expected)
    {
        var routing = new ImportRouting(Options.Create(new IntelOptions { SyncImportMaxBytes = 1000, TaxiiSyncImportMaxBytes = 500 }));

        Assert.Equal(expected, routing.Choose(entry, bytes, asked));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryEntryPoint_RunsSmallAndLargeBodiesAsTheRuleSays(Store store)
    {
        await using var h = await StartAsync(store, new Dictionary<string, string?>
        {
            ["Concord:Intel:SyncImportMaxBytes"] = "1500",
            ["Concord:Intel:TaxiiSyncImportMaxBytes"] = "1500",
        });
        var routing = h.Node.Services.GetRequiredService<IImportRouting>();
        var rest = await h.Members.ClientAsync("Alpha", Concord.Access.Role.Analyst);
        var taxii = await h.ClientAsync("Alpha");
        JsonNode[] small = [Bundles.Indicator(tlp: Tlp.Green)];
        JsonNode[] large = [.. Enumerable.Range(0, 20).Select(_ => Bundles.Indicator(tlp: Tlp.Green))];

        foreach (var objects in new[] { small, large })
        {
            var bundle = Bundles.Bundle(objects);
            using var restAnswer = await rest.ImportAsync(bundle, "policy=best-effort");
            Assert.Equal(routing.Choose(ImportEntry.Rest, Encoding.UTF8.GetByteCount(bundle)), restAnswer.StatusCode switch
            {
                HttpStatusCode.OK => ImportMode.Immediate,
                HttpStatusCode.Accepted => ImportMode.Job,
                var other => throw new InvalidOperationException($"REST import answered {other}."),
            });

            var envelope = Envelope(objects);
            var envelopeBytes = (await envelope.ReadAsByteArrayAsync(Ct)).Length;
            using var taxiiAnswer = await taxii.PostAsync(All + "objects/", envelope, Ct);
            var status = (await JsonAsync(taxiiAnswer))["status"]!.GetValue<string>();
            Assert.Equal(routing.Choose(ImportEntry.Taxii, envelopeBytes), status == "pending" ? ImportMode.Job : ImportMode.Immediate);
        }

        Assert.Equal([ImportMode.Immediate, ImportMode.Job],
            new[] { small, large }.Select(o => routing.Choose(ImportEntry.Rest, Encoding.UTF8.GetByteCount(Bundles.Bundle(o)))));

        // The CLI waits for any size: the large bundle is stored before the command returns, with no job queued.
        var (json, ids) = TestBundles.Indicators(20);
        Assert.Equal(ImportMode.Immediate, routing.Choose(ImportEntry.Cli, Encoding.UTF8.GetByteCount(json)));
        var jobsBefore = await JobCountAsync(h);
        var cli = await CliRunner.RunAsync(h.Node, "import", TestBundles.WriteTemp(json), "--org", "Alpha");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Equal(jobsBefore, await JobCountAsync(h));
        Assert.Subset(await rest.ListIdsAsync("type=indicator"), ids.ToHashSet());

        // An upload is a job whatever its size (the browser test IntelWriteTests follows one to its job page).
        Assert.Equal(ImportMode.Job, routing.Choose(ImportEntry.Upload, 1));
    }

    private static async Task<int> JobCountAsync(Taxii.TaxiiHarness h)
    {
        await using var scope = h.Node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Concord.Intel.Data.IntelDbContext>();
        return await db.ImportJobs.CountAsync(Ct);
    }
}
