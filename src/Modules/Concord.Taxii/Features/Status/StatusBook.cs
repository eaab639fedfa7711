using Concord.Intel;
using Concord.Taxii.Data;
using Concord.Taxii.Http;

namespace Concord.Taxii.Features.Status;

/// <summary>Turns an import's outcome into a status resource's counts and lists (T 4.3.1).</summary>
internal static class StatusBook
{
    private const int MaxMessage = 2000;

    public static List<StatusDetail> Pendings(List<(string? Id, string? Version)> entries, DateTimeOffset requested) =>
        entries.Select((e, i) => new StatusDetail(IdOf(e.Id, null, i), e.Version ?? TaxiiTime.Format(requested)) { Unversioned = e.Version is null ? true : null }).ToList();

    /// <summary>
    /// Completes <paramref name="status"/>: each object is a success (stored now, or already stored: re-posting is
    /// idempotent, T 5.5) unless the import rejected it. When the import kept only some errors, the counts stay exact and
    /// the lists are left out, because a list must hold exactly as many entries as its count.
    /// </summary>
    public static void Complete(TaxiiStatus status, IReadOnlyList<StatusDetail> entries, IReadOnlyList<RejectedObject> errors, bool truncated, long rejected, string? fatal)
    {
        status.Complete = true;
        status.Pending = 0;
        if (fatal is not null)
        {
            status.Succeeded = 0;
            status.Failed = entries.Count;
            status.DetailsJson = new StatusLists(null, entries.Select(e => e with { Message = Clip(fatal) }).ToList(), null).ToJson();
            return;
        }

        if (truncated)
        {
            status.Failed = (int)Math.Min(rejected, entries.Count);
            status.Succeeded = entries.Count - status.Failed;
            status.DetailsJson = new StatusLists(null, null, null).ToJson();
            return;
        }

        var failed = errors.GroupBy(e => e.Index).ToDictionary(g => g.Key, g => g.SelectMany(e => e.Issues).ToList());
        var successes = new List<StatusDetail>();
        var failures = new List<StatusDetail>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (failed.TryGetValue(i, out var issues))
            {
                var message = string.Join(" ", issues.Select(x => $"{x.Path}: {x.Message} ({x.Rule})"));
                failures.Add(entries[i] with { Message = Clip(message) });
            }
            else
            {
                successes.Add(entries[i]);
            }
        }

        status.Succeeded = successes.Count;
        status.Failed = failures.Count;
        status.DetailsJson = new StatusLists(successes.Count > 0 ? successes : null, failures.Count > 0 ? failures : null, null).ToJson();
    }

    private static string IdOf(string? id, string? reported, int index) => id ?? reported ?? $"objects[{index}]";

    private static string Clip(string message) => message.Length <= MaxMessage ? message : message[..MaxMessage];
}
