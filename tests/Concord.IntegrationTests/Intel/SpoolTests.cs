using Concord.Access;
using Concord.Intel;
using Concord.Intel.Data;
using Concord.Intel.Jobs;
using Concord.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.IntegrationTests.Intel;

/// <summary>A spool file a killed upload (or synchronous import) left behind is removed when the node starts again.</summary>
public class SpoolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Restart_RemovesTheFileOfAKilledUpload_AndKeepsAJobsFileAndAFileInUse(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var spool = h.Node.Services.GetRequiredService<Spool>();
        Directory.CreateDirectory(spool.Directory);

        // What a process killed in the middle of an upload leaves: part of a bundle, and no job.
        var orphan = spool.PathFor(Guid.NewGuid());
        await File.WriteAllTextAsync(orphan, "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indic", Ct);

        // The body of a job the killed process was running (resumed after the restart), and a body another process is
        // still writing (held open, as the spool holds it). Running, so this node's own job runner leaves it alone.
        var queued = spool.PathFor(Guid.NewGuid());
        await File.WriteAllTextAsync(queued, Bundles.Bundle(Bundles.Indicator()), Ct);
        h.Db.ImportJobs.Add(new ImportJob { Id = Guid.NewGuid(), OwnerOrgId = Guid.NewGuid(), RequestedBy = "test", State = ImportJobState.Running, SpoolFile = queued });
        await h.Db.SaveChangesAsync(Ct);
        var busy = spool.PathFor(Guid.NewGuid());
        await using var writer = new FileStream(busy, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);

        var storage = h.Node.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var seen = new Dictionary<string, bool>();
        await using var restarted = await TestNode.StartAsync(store, new Dictionary<string, string?>
        {
            ["Concord:Storage:DataDirectory"] = storage.DataDirectory,
            ["Concord:Storage:ConnectionString"] = storage.ConnectionString,
        }, app =>
        {
            // Built and swept, not yet started: the restarted node's job runner has not touched anything yet.
            foreach (var (name, path) in new[] { ("orphan", orphan), ("job", queued), ("busy", busy) })
            {
                seen[name] = File.Exists(path);
            }
        });

        Assert.Equal(new Dictionary<string, bool> { ["orphan"] = false, ["job"] = true, ["busy"] = true }, seen);
    }
}
