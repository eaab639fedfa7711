using Concord.Access;
using Concord.Platform;

namespace Concord.Intel;

/// <summary>
/// Correlation: which stored objects — that the reader may see — hold the same observables (IP addresses and
/// networks, domains, URLs, e-mail addresses, hashes, …). Results are filtered by <see cref="Visibility"/> before
/// anything is counted, grouped or ordered, so a reader learns nothing about objects it may not read: the answer
/// is the same as if those objects had never been stored.
/// </summary>
public interface ICorrelation
{
    /// <summary>
    /// Correlates values. Each value's kind is detected from its text, or named with a prefix such as
    /// <c>mutex:Global\abc</c> (the kind names of <see cref="Concord.Observables.ObservableKinds"/>). At most
    /// <see cref="MaxLookupValues"/> values per call; an unusable value is answered with its problem, not an error.
    /// </summary>
    Task<Result<CorrelationResult>> LookupAsync(Principal principal, IReadOnlyList<string> values, CorrelationRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Correlates the observables of an object's latest version the reader may see (its SCO values or its indicator
    /// pattern's comparisons) against every other object. Not found when the reader may not see the object.
    /// </summary>
    Task<Result<ObjectCorrelations>> ForObjectAsync(Principal principal, string id, CorrelationRequest request, CancellationToken cancellationToken);

    /// <summary>The most values one lookup accepts.</summary>
    public const int MaxLookupValues = 10_000;
}

/// <summary>How to correlate.</summary>
public sealed record CorrelationRequest
{
    /// <summary>The default request: exact values and IP ranges; parent domains as the node is configured.</summary>
    public static CorrelationRequest Default { get; } = new();

    /// <summary>
    /// Also match a domain's parent domains (<c>a.evil.example</c> finds objects reporting <c>evil.example</c>);
    /// null takes the node's setting (<c>Concord:Intel:Correlation:ParentDomains</c>).
    /// </summary>
    public bool? ParentDomains { get; init; }
}

/// <summary>The answer to a lookup, one entry per value asked, in the order asked.</summary>
public sealed record CorrelationResult(IReadOnlyList<ValueCorrelation> Values);

/// <summary>The correlations of one object's observables.</summary>
/// <param name="Id">The object's STIX id.</param>
/// <param name="Values">One entry per observable of the object (in extraction order).</param>
public sealed record ObjectCorrelations(string Id, IReadOnlyList<ValueCorrelation> Values);

/// <summary>
/// What is known about one value. When <see cref="Problem"/> is set the value could not be read and nothing else
/// is. <see cref="Excluded"/>: a node administrator excluded it from correlation, so no objects are listed.
/// <see cref="Common"/>: the reader can see more objects holding it than the node's threshold, so they are not
/// listed (the threshold counts only objects the reader may see, so "common" reveals nothing hidden).
/// </summary>
/// <param name="Input">The value as given.</param>
/// <param name="Kind">Its kind name (<c>ipv4-addr</c>, <c>domain-name</c>, …) when readable.</param>
/// <param name="Value">Its canonical text when readable.</param>
/// <param name="Problem">Why the value could not be read.</param>
/// <param name="Excluded">True when a correlation exclusion matches it.</param>
/// <param name="Common">True when too many visible objects hold it to list them.</param>
/// <param name="Warninglists">The warninglists that hold the value (known false-positive lists).</param>
/// <param name="Reporters">The correlated objects, grouped by the organisation that reported them.</param>
public sealed record ValueCorrelation(
    string Input,
    string? Kind,
    string? Value,
    string? Problem,
    bool Excluded,
    bool Common,
    IReadOnlyList<WarninglistHit> Warninglists,
    IReadOnlyList<CorrelationReporter> Reporters);

/// <summary>A warninglist that holds a value.</summary>
/// <param name="Id">The list's id (its folder name, e.g. <c>public-dns-v4</c>).</param>
/// <param name="Name">The list's name.</param>
/// <param name="Entry">The entry that matched (a network, a parent domain, the value, a substring or an expression).</param>
public sealed record WarninglistHit(string Id, string Name, string Entry);

/// <summary>An organisation that reported correlated objects, with when (over those objects) it first and last saw the value.</summary>
public sealed record CorrelationReporter(
    Guid OrganisationId,
    string Organisation,
    string Country,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyList<CorrelatedObject> Objects);

/// <summary>
/// One correlated object (its latest version). First seen is its <c>created</c> time, last seen its <c>modified</c>
/// time (the node's <c>date_added</c> for objects without them).
/// </summary>
/// <param name="Id">The STIX id.</param>
/// <param name="Type">The STIX type.</param>
/// <param name="Name">Its name, when it has one.</param>
/// <param name="Tlp">Its TLP label (<c>TLP:GREEN</c>, …).</param>
/// <param name="Match">How it matched.</param>
/// <param name="MatchedKind">The kind name of the stored observable that matched.</param>
/// <param name="MatchedValue">The stored observable that matched (the network, the parent domain, or the value itself).</param>
/// <param name="FirstSeen">When it was first seen.</param>
/// <param name="LastSeen">When it was last seen.</param>
public sealed record CorrelatedObject(
    string Id,
    string Type,
    string? Name,
    string Tlp,
    CorrelationMatch Match,
    string MatchedKind,
    string MatchedValue,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen)
{
    /// <summary>An indicator's current score (0–100, one decimal), as object reads show it; null for other objects.</summary>
    public double? Score { get; init; }
}

/// <summary>How a stored observable matched the value asked about.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(KebabCaseEnum<CorrelationMatch>))]
public enum CorrelationMatch
{
    /// <summary>The same value.</summary>
    Exact,

    /// <summary>A stored network that contains the address or network asked about.</summary>
    ContainingNetwork,

    /// <summary>A stored address or network inside the network asked about.</summary>
    InsideNetwork,

    /// <summary>A stored domain that is a parent of the domain asked about.</summary>
    ParentDomain,
}
