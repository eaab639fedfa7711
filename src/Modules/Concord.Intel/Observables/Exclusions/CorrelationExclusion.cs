namespace Concord.Intel.Observables.Exclusions;

/// <summary>How a correlation exclusion matches.</summary>
public enum ExclusionKind
{
    /// <summary>One value, compared after normalisation under every kind it is valid for.</summary>
    Exact,

    /// <summary>An IPv4 or IPv6 network: every address and network inside it.</summary>
    Cidr,

    /// <summary>A .NET regular expression over the canonical value.</summary>
    Regex,
}

/// <summary>
/// A value an administrator has told the node never to correlate on (a shared resolver, a sinkhole, the
/// alliance's own mail domain), because it would link unrelated reports.
/// </summary>
/// <param name="Kind">How it matches.</param>
/// <param name="Value">The value, network or expression.</param>
/// <param name="Comment">Why it was excluded, for the next administrator.</param>
public sealed record CorrelationExclusion(ExclusionKind Kind, string Value, string? Comment = null);
