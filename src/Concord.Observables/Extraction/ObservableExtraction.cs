namespace Concord.Observables.Extraction;

/// <summary>One observable found in a STIX object, with where it was found.</summary>
/// <param name="Observable">The canonical observable.</param>
/// <param name="Source">
/// Where: a JSON path into the object (<c>$.hashes['SHA-256']</c>) or, for an indicator, the pattern comparison
/// by position and object path (<c>$.pattern[2] file:hashes.'SHA-256'</c>).
/// </param>
public sealed record ExtractedObservable(Observable Observable, string Source);

/// <summary>A value that sits where an observable belongs but is not a valid one.</summary>
/// <param name="Source">Where it was found, as in <see cref="ExtractedObservable.Source"/>.</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record RejectedObservable(string Source, string Reason);

/// <summary>What extraction found: distinct observables (first source kept) and the values it had to reject.</summary>
public sealed class ObservableExtraction
{
    private readonly Dictionary<Observable, ExtractedObservable> _found = [];
    private readonly List<ExtractedObservable> _ordered = [];
    private readonly List<RejectedObservable> _rejected = [];

    /// <summary>The distinct observables, in the order first found.</summary>
    public IReadOnlyList<ExtractedObservable> Observables => _ordered;

    /// <summary>Values that were not valid observables of the kind their place implies.</summary>
    public IReadOnlyList<RejectedObservable> Rejected => _rejected;

    internal void Add(ObservableKind kind, string? raw, string source)
    {
        var result = Observable.Parse(kind, raw, source);
        if (!result.IsSuccess)
        {
            _rejected.Add(new(source, result.Error!.Message));
            return;
        }

        var extracted = new ExtractedObservable(result.Value, source);
        if (_found.TryAdd(result.Value, extracted))
        {
            _ordered.Add(extracted);
        }
    }

    /// <summary>
    /// For places that may hold an address or a name (a network-traffic destination, a resolved address): the
    /// value decides the kind.
    /// </summary>
    internal void AddAddressOrName(string? raw, string source)
    {
        var text = raw?.Trim() ?? "";
        var kind = text.Contains(':', StringComparison.Ordinal) ? ObservableKind.Ipv6Address
            : IpText.TryParseNetwork(text, out _, out _) ? ObservableKind.Ipv4Address
            : ObservableKind.Domain;
        Add(kind, raw, source);
    }

    /// <summary>Hash algorithm names as STIX writes them (<c>SHA-256</c>) and as producers often do (<c>sha256</c>).</summary>
    internal static ObservableKind? HashKind(string algorithm) =>
        algorithm.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "MD5" => ObservableKind.Md5,
            "SHA1" => ObservableKind.Sha1,
            "SHA256" => ObservableKind.Sha256,
            "SHA512" => ObservableKind.Sha512,
            "SSDEEP" => ObservableKind.Ssdeep,
            "TLSH" => ObservableKind.Tlsh,
            _ => null,
        };
}
