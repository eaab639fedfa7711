using Concord.Access;
using Concord.Intel;
using Concord.Taxii.Data;
using Concord.Taxii.Http;

namespace Concord.Taxii.Features.Status;

/// <summary>
/// An object with neither <c>modified</c> nor <c>created</c> (an SCO) has no version of its own; the manifest and
/// versions endpoints name its one version by its <c>date_added</c> (the "server-consistent value" of T 5.3.1), so a
/// completed status names its successes the same way instead of by the request's time.
/// </summary>
internal static class UnversionedNames
{
    private const int Chunk = 500;

    public static async Task ApplyAsync(ITaxiiObjectSource source, Principal principal, TaxiiView view, TaxiiStatus status, CancellationToken cancellationToken)
    {
        var lists = StatusLists.FromJson(status.DetailsJson);
        var ids = lists.Successes?.Where(s => s.Unversioned == true).Select(s => s.Id).Distinct(StringComparer.Ordinal).ToList();
        if (ids is not { Count: > 0 })
        {
            return;
        }

        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var page = await source.ReadAsync(principal, new TaxiiQuery { View = view, Ids = chunk, AllVersions = true, WithJson = false, Limit = chunk.Length }, cancellationToken);
            foreach (var record in page.Items.Where(r => r.Version is null))
            {
                named[record.Id] = TaxiiTime.Format(record.DateAdded);
            }
        }

        var successes = lists.Successes!.ConvertAll(s => s.Unversioned == true && named.TryGetValue(s.Id, out var version) ? s with { Version = version } : s);
        status.DetailsJson = (lists with { Successes = successes }).ToJson();
    }
}
