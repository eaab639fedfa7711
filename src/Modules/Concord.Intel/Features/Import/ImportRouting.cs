using Microsoft.Extensions.Options;

namespace Concord.Intel.Features.Import;

/// <summary>The rule of <see cref="IImportRouting"/>: each entry point's wait limit, and a job beyond it.</summary>
internal sealed class ImportRouting(IOptions<IntelOptions> options) : IImportRouting
{
    public ImportMode Choose(ImportEntry entry, long? bytes, bool jobRequested = false) =>
        jobRequested || (bytes ?? long.MaxValue) > WaitLimit(entry) ? ImportMode.Job : ImportMode.Immediate;

    /// <summary>The largest body the entry point's caller waits for; -1: none, <see cref="long.MaxValue"/>: any.</summary>
    private long WaitLimit(ImportEntry entry) => entry switch
    {
        ImportEntry.Rest => options.Value.SyncImportMaxBytes,
        ImportEntry.Taxii => options.Value.TaxiiSyncImportMaxBytes,
        ImportEntry.Upload => -1,
        ImportEntry.Cli => long.MaxValue,
    };
}
