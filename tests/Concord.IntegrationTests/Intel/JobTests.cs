using Concord.Intel;
using Concord.Intel.Data;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.IntegrationTests.Intel;

public class JobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The first node never polls, so only the node started over its database picks interrupted jobs up.</summary>
    private static readonly Dictionary<string, string?> Quiet = new() { ["Concord:Intel:JobPollInterval"] = "01:00:00" };

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Job_Submitted_RunsToSuccessWithCounts(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var bad = Bundles.Indicator(modified: "not a time");
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Bundles.Bundle(Bundles.Indicator(), bad, Bundles.Indicator())));

        var submitted = await h.Jobs.SubmitAsync(principal, body, new ImportOptions { Policy = ImportPolicy.BestEffort }, Ct);
        var done = await WaitForAsync(h, principal, submitted.Value!.Id);

        Assert.Equal(ImportJobState.Succeeded, done.State);
        Assert.Equal((3, 2, 0, 1), (done.Processed, done.Stored, done.Duplicates, done.Rejected));
        Assert.Equal(bad["id"]!.GetValue<string>(), Assert.Single(done.Errors).Id);
        Assert.False(File.Exists(await SpoolOfAsync(h, done.Id)));
        Assert.Equal(ErrorKind.NotFound, (await h.Jobs.GetAsync(IntelHarness.Member(h.Directory.AddOrganisation()), done.Id, Ct)).Error!.Kind);
        Assert.Single(await h.Jobs.ListAsync(principal, 10, Ct));
        Assert.Empty(await h.Jobs.ListAsync(IntelHarness.Member(h.Directory.AddOrganisation()), 10, Ct));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Job_CountsTheObservablesThatWarninglistsHold_AndStoresTheirObjects(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store, new Dictionary<string, string?>
        {
            ["Concord:Intel:Warninglists:Directory"] = Concord.Testing.SharedData.Path("misp", "warninglists", "lists"),
        });
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var listed = Correlation.CorrelationHttp.Indicator("[ipv4-addr:value = '8.8.8.8'] OR [domain-name:value = 'h7.campaign.example.net']");
        var plain = Correlation.CorrelationHttp.Indicator("[domain-name:value = 'h9.campaign.example.net']");
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Bundles.Bundle(listed, plain)));

        var submitted = await h.Jobs.SubmitAsync(principal, body, new ImportOptions { Policy = ImportPolicy.BestEffort }, Ct);
        var done = await WaitForAsync(h, principal, submitted.Value!.Id);

        Assert.Equal(ImportJobState.Succeeded, done.State);
        Assert.Equal((2L, 1L), (done.Stored, done.Warninglisted));
        Assert.Equal(1, (await h.Jobs.GetAsync(principal, done.Id, Ct)).Value!.Warninglisted);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Job_InterruptedBestEffort_ResumesAfterItsCheckpointOnRestart(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store, Quiet);
        var org = h.Directory.AddOrganisation();
        var objects = Enumerable.Range(0, 10).Select(_ => Bundles.Indicator()).ToArray();

        // A run that committed entries 0..5 (their rows are not here, so a rerun from the start would show).
        var job = await InterruptedJobAsync(h, org, ImportPolicy.BestEffort, Bundles.Bundle(objects), checkpoint: 5, processed: 6);
        await using (var restarted = await h.StartOverAsync(store))
        {
            var done = await WaitForAsync(h, IntelHarness.Member(org), job);
            Assert.Equal(ImportJobState.Succeeded, done.State);
            Assert.Equal((10, 10), (done.Processed, done.Stored));
        }

        var stored = await h.Db.Objects.AsNoTracking().Select(o => o.StixId).ToListAsync(Ct);
        Assert.Equal(objects[6..].Select(o => o["id"]!.GetValue<string>()).Order(), stored.Order());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Job_InterruptedAllOrNothing_RerunsFromTheStartOnRestart(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store, Quiet);
        var org = h.Directory.AddOrganisation();
        var job = await InterruptedJobAsync(h, org, ImportPolicy.AllOrNothing, Bundles.Bundle([.. Enumerable.Range(0, 5).Select(_ => Bundles.Indicator())]), checkpoint: -1, processed: 3);

        await using var restarted = await h.StartOverAsync(store);
        var done = await WaitForAsync(h, IntelHarness.Member(org), job);

        Assert.Equal(ImportJobState.Succeeded, done.State);
        Assert.Equal((5, 5), (done.Processed, done.Stored));
        Assert.Equal(5, await h.Db.Objects.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Job_InterruptedWithItsSpoolGone_IsMarkedFailedOnRestart(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store, Quiet);
        var org = h.Directory.AddOrganisation();
        var job = await InterruptedJobAsync(h, org, ImportPolicy.BestEffort, Bundles.Bundle(Bundles.Indicator()), checkpoint: -1, processed: 0);
        File.Delete(await SpoolOfAsync(h, job));

        await using var restarted = await h.StartOverAsync(store);
        var done = await WaitForAsync(h, IntelHarness.Member(org), job);

        Assert.Equal(ImportJobState.Failed, done.State);
        Assert.Contains("spooled body is gone", done.Failure, StringComparison.Ordinal);
    }

    private static async Task<Guid> InterruptedJobAsync(IntelHarness h, Guid org, ImportPolicy policy, string bundle, int checkpoint, long processed)
    {
        var id = Guid.NewGuid();
        var spool = h.Node.Services.GetRequiredService<Concord.Intel.Jobs.Spool>();
        Directory.CreateDirectory(spool.Directory);
        await File.WriteAllTextAsync(spool.PathFor(id), bundle, Ct);
        h.Db.ImportJobs.Add(new ImportJob
        {
            Id = id,
            OwnerOrgId = org,
            RequestedBy = "test",
            State = ImportJobState.Running,
            Policy = policy,
            Tlp = Concord.Stix.Tlp.Green,
            SpoolFile = spool.PathFor(id),
            BytesTotal = bundle.Length,
            Checkpoint = checkpoint,
            Processed = processed,
            Stored = processed,
            CreatedUs = 1,
            StartedUs = 2,
        });
        await h.Db.SaveChangesAsync(Ct);
        return id;
    }

    /// <summary>Starts a second node over the first node's database, as a restart after a killed process would.</summary>
    private static async Task<string> SpoolOfAsync(IntelHarness h, Guid job) =>
        await h.Db.ImportJobs.AsNoTracking().Where(j => j.Id == job).Select(j => j.SpoolFile).SingleAsync(Ct);

    private static async Task<ImportJobStatus> WaitForAsync(IntelHarness h, Concord.Access.Principal principal, Guid id)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var status = (await h.Jobs.GetAsync(principal, id, Ct)).Value!;
            if (status.State is ImportJobState.Succeeded or ImportJobState.Failed)
            {
                return status;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException($"Job {id} did not finish.");
    }
}
