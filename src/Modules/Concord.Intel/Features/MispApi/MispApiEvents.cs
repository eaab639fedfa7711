using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel.Features.Export;
using Concord.Intel.Features.Objects;
using Concord.Platform;

namespace Concord.Intel.Features.MispApi;

/// <summary>An event as the MISP API shows it: the report or grouping it was read from, and its <c>Event</c> object.</summary>
internal sealed record MispApiEvent(StoredStixObject Report, JsonObject Event)
{
    public string Id => (string)Event["id"]!;
}

/// <summary>
/// Events for the MISP API, read only through <see cref="IIntelStore"/> (visibility) and written by the MISP export's
/// builder. An event is a report (published) or grouping (not yet) whose uuid is the MISP event's. Its numeric <c>id</c>
/// is the node sequence of the version read: any version's number finds the event's latest version, so ids handed out
/// keep working; a new version (an added attribute) answers with a new, larger id.
/// </summary>
internal sealed class MispApiEvents(IIntelStore store, IAccessDirectory directory, TimeProvider time)
{
    public static readonly string[] Types = ["report", "grouping"];

    /// <summary>The event by MISP uuid or numeric id, as the caller may read it; null when missing or hidden (the same).</summary>
    public async Task<MispApiEvent?> FindAsync(Principal principal, string reference, bool ownCopy, CancellationToken cancellationToken)
    {
        var found = await FindReportAsync(principal, reference, cancellationToken);
        if (found is null)
        {
            return null;
        }

        if (ownCopy)
        {
            var own = await store.GetCopyAsync(principal, found.Id, null, principal.OrganisationId, cancellationToken);
            return own.IsSuccess ? await BuildAsync(principal, own.Value!, cancellationToken) : null;
        }

        return await BuildAsync(principal, found, cancellationToken);
    }

    private async Task<StoredStixObject?> FindReportAsync(Principal principal, string reference, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(reference, out var uuid))
        {
            foreach (var type in Types)
            {
                var found = await store.GetAsync(principal, $"{type}--{uuid:D}", null, cancellationToken);
                if (found.IsSuccess)
                {
                    return found.Value!;
                }
            }

            return null;
        }

        if (!long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            return null;
        }

        // The first version the caller may read past sequence - 1: the event only when it is exactly that one.
        var page = await store.QueryAsync(principal, new ObjectQuery { AllVersions = true, After = sequence - 1, Limit = 1 }, cancellationToken);
        if (page.Items is not [{ } version] || version.Sequence != sequence || !Types.Contains(version.Type))
        {
            return null;
        }

        var latest = await store.GetCopyAsync(principal, version.Id, null, version.OwnerOrgId, cancellationToken);
        return latest.IsSuccess ? latest.Value! : null;
    }

    /// <summary>Every event the caller may read, published ones first.</summary>
    public async IAsyncEnumerable<MispApiEvent> AllAsync(Principal principal, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var type in Types)
        {
            await foreach (var report in store.StreamAsync(principal, new ObjectQuery { Type = type, Limit = IntelStore.MaxPageSize }, cancellationToken))
            {
                yield return await BuildAsync(principal, report, cancellationToken);
            }
        }
    }

    public Task<OrganisationInfo?> OrganisationAsync(Guid id, CancellationToken cancellationToken) => directory.FindOrganisationAsync(id, cancellationToken);

    public async Task<MispApiEvent> BuildAsync(Principal principal, StoredStixObject report, CancellationToken cancellationToken)
    {
        var built = await MispJsonWriter.BuildEventAsync(store, principal, report, time.GetUtcNow(), cancellationToken);
        var @event = (JsonObject)built["Event"]!;
        built.Remove("Event"); // detached, so answers can hold it
        var owner = await directory.FindOrganisationAsync(report.OwnerOrgId, cancellationToken);
        MispEventShape.Complete(@event, report, owner);
        return new MispApiEvent(report, @event);
    }
}
