namespace Concord.Stix;

/// <summary>Limits applied when reading untrusted STIX JSON. Input beyond a limit is rejected with a clear error.</summary>
public sealed record StixReaderOptions
{
    /// <summary>The defaults: depth 64, strings up to 1 MiB, objects up to 16 MiB.</summary>
    public static StixReaderOptions Default { get; } = new();

    /// <summary>Deepest nesting of JSON arrays and objects accepted inside one STIX object.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Longest single JSON string (in UTF-8 bytes) accepted.</summary>
    public int MaxStringBytes { get; init; } = 1 << 20;

    /// <summary>Largest single STIX object (in UTF-8 bytes) accepted, which also bounds streaming memory.</summary>
    public int MaxObjectBytes { get; init; } = 16 << 20;
}
