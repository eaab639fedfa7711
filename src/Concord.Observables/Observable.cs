using Concord.Platform;

namespace Concord.Observables;

/// <summary>
/// One observable in canonical form: two observables are the same indicator exactly when they are equal.
/// Obtain one from <see cref="Parse"/>, which normalises and rejects malformed input; the constructor is
/// kept private so no unnormalised value can reach an index.
/// </summary>
public readonly partial record struct Observable
{
    /// <summary>The longest raw value accepted. Bounds what one hostile value can cost the index and the lists.</summary>
    public const int MaxLength = 8192;

    private Observable(ObservableKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>What the value is.</summary>
    public ObservableKind Kind { get; }

    /// <summary>The canonical text.</summary>
    public string Value { get; }

    /// <summary>
    /// Normalises <paramref name="raw"/> as a <paramref name="kind"/>. The IP kinds accept an address or a CIDR
    /// network and answer whichever it is (a /32 or /128 is an address; an IPv4-mapped IPv6 value is IPv4).
    /// Defanged input (<c>hxxp</c>, <c>[.]</c>) is rejected here: call <see cref="Refang.Apply"/> first when the
    /// input is known to be defanged.
    /// </summary>
    /// <param name="kind">What the caller says the value is.</param>
    /// <param name="raw">The value as received.</param>
    /// <param name="field">The input field to name in the error.</param>
    /// <returns>The observable, or a validation error naming the rule that the value broke.</returns>
    public static Result<Observable> Parse(ObservableKind kind, string? raw, string field = "value")
    {
        var text = raw.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return Error.Validation(field, "observable-empty", $"The {kind.Name()} value is empty.");
        }

        if (text.Length > MaxLength)
        {
            return Error.Validation(field, "observable-too-long", $"The {kind.Name()} value is longer than {MaxLength} characters.");
        }

        var result = Normalise(kind, text);
        return result.Reason is null
            ? new Observable(result.Kind, result.Value!)
            : Error.Validation(field, $"observable-{kind.Name()}", $"Not a valid {kind.Name()} value: {result.Reason}.");
    }

    /// <summary>Renders as <c>kind:value</c>, e.g. <c>ipv4-addr:192.0.2.1</c> (empty for the default value).</summary>
    public override string ToString() => Value is null ? "" : $"{Kind.Name()}:{Value}";

    /// <summary>
    /// Rebuilds an observable from text that is already canonical (read back from the store), skipping the
    /// normaliser. Only for values this code produced; anything from outside goes through <see cref="Parse"/>.
    /// </summary>
    public static Observable FromCanonical(ObservableKind kind, string value) => new(kind, value);

    private static Normalised Normalise(ObservableKind kind, ReadOnlySpan<char> text) => kind switch
    {
        ObservableKind.Ipv4Address or ObservableKind.Ipv4Network or ObservableKind.Ipv6Address or ObservableKind.Ipv6Network
            => IpText.NormaliseObservable(kind, text),
        ObservableKind.Domain => DomainText.Normalise(text),
        ObservableKind.Url => UrlText.Normalise(text),
        ObservableKind.Email => EmailText.Normalise(text),
        ObservableKind.Md5 or ObservableKind.Sha1 or ObservableKind.Sha256 or ObservableKind.Sha512
            => HashText.NormaliseDigest(kind, text),
        ObservableKind.Ssdeep => HashText.NormaliseSsdeep(text),
        ObservableKind.Tlsh => HashText.NormaliseTlsh(text),
        ObservableKind.RegistryKey => RegistryKeyText.Normalise(text),
        ObservableKind.X509Serial => SimpleText.NormaliseSerial(text),
        ObservableKind.AutonomousSystem => SimpleText.NormaliseAsn(text),
        ObservableKind.Mutex or ObservableKind.UserAgent => SimpleText.Exact(kind, text),
        _ => Normalised.Fail("the kind is unknown"),
    };
}

/// <summary>A normaliser's answer: the canonical value and its kind, or why the input is not one.</summary>
internal readonly record struct Normalised(ObservableKind Kind, string? Value, string? Reason)
{
    public static Normalised Ok(ObservableKind kind, string value) => new(kind, value, null);

    public static Normalised Fail(string reason) => new(default, null, reason);
}
