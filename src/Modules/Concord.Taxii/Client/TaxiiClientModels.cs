namespace Concord.Taxii.Client;

/// <summary>A server's discovery resource (T 4.1.1); API root URLs are resolved against the server.</summary>
public sealed record TaxiiDiscovery(string Title, string? Description, Uri? Default, IReadOnlyList<Uri> ApiRoots);

/// <summary>An API root (T 4.2.1).</summary>
public sealed record TaxiiApiRootInfo(string Title, string? Description, IReadOnlyList<string> Versions, long MaxContentLength);

/// <summary>A collection (T 5.2.1) and its URL.</summary>
public sealed record TaxiiCollectionInfo(string Id, string Title, string? Description, string? Alias, bool CanRead, bool CanWrite, IReadOnlyList<string> MediaTypes, Uri Url);

/// <summary>
/// One page of Get Objects: each object's raw JSON, and where the next page starts. <see cref="Custom"/> holds the
/// envelope's custom properties (T 7.1.1, <c>x_</c> names) as raw JSON, e.g. a Concord peer's provenance.
/// </summary>
public sealed record TaxiiObjectsPage(
    IReadOnlyList<ReadOnlyMemory<byte>> Objects, bool More, string? Next, DateTimeOffset? DateAddedFirst, DateTimeOffset? DateAddedLast,
    IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? Custom = null);

/// <summary>
/// Where a pull of one collection stands; the caller persists it after each page is stored. <see cref="AddedAfter"/> is
/// the <c>added_after</c> every request of the pass sends (a server's <c>next</c> is only valid with the same filters);
/// <see cref="Next"/> is the token to continue the pass with, or null to start one.
/// </summary>
public sealed record TaxiiCursor(DateTimeOffset? AddedAfter, string? Next);

/// <summary>One page of a pull and the cursor to persist once its objects are stored; <see cref="Last"/> when the server has nothing more.</summary>
public sealed record TaxiiPulledPage(TaxiiObjectsPage Page, TaxiiCursor After, bool Last);

/// <summary>Filters of a paged read (T 3.4); null members are not sent.</summary>
public sealed record TaxiiReadOptions
{
    public DateTimeOffset? AddedAfter { get; init; }

    public int? Limit { get; init; } = 1000;

    public IReadOnlyList<string>? Types { get; init; }

    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary><c>match[version]</c>, e.g. <c>all</c>; the server's default is the latest version.</summary>
    public string? Version { get; init; }
}

/// <summary>A status-details entry.</summary>
public sealed record TaxiiStatusDetail(string Id, string Version, string? Message);

/// <summary>A status resource (T 4.3.1).</summary>
public sealed record TaxiiStatusInfo(
    string Id, string Status, int Total, int Succeeded, int Failed, int Pending,
    IReadOnlyList<TaxiiStatusDetail> Successes, IReadOnlyList<TaxiiStatusDetail> Failures, IReadOnlyList<TaxiiStatusDetail> Pendings)
{
    public bool IsComplete => Status == "complete";
}

/// <summary>A TAXII error answer (or a response that is not TAXII), with the server's title and description.</summary>
public sealed class TaxiiClientException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
